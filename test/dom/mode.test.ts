import { afterEach, describe, expect, it, vi } from 'vitest';
import { bindDirectives } from '../../src/dom/index.js';
import { fakePermissions, flush, granted, page } from './fake.js';

let unbind = () => {};
afterEach(() => {
  unbind();
  vi.restoreAllMocks();
  document.body.innerHTML = '';
});

const texts = () => [...document.querySelectorAll('#list > *')].map((element) => element.id);

describe('data-permission-mode="remove"', () => {
  it('takes the element out and puts it back in the same place', () => {
    page(
      `<div id="list"><p id="a"></p><p id="b" data-permission="admin" data-permission-mode="remove"></p><p id="c"></p></div>`,
    );
    const b = document.getElementById('b')!;
    const permissions = fakePermissions();
    unbind = bindDirectives(permissions);
    expect(texts()).toEqual(['a', 'c']);
    expect(b.isConnected).toBe(false);
    permissions.emit('authenticated', ['admin']);
    expect(texts()).toEqual(['a', 'b', 'c']);
    expect(granted(b)).toBe(true);
    permissions.emit('anonymous');
    expect(texts()).toEqual(['a', 'c']);
  });

  it('keeps tracking a removed element whose attribute changes, and its gated children', async () => {
    page(`<div id="list"><section id="s" data-permission="admin" data-permission-mode="remove">
      <p id="inner" data-permission="read:reports"></p></section></div>`);
    const s = document.getElementById('s')!;
    const inner = document.getElementById('inner')!;
    const permissions = fakePermissions('authenticated', ['read:reports']);
    unbind = bindDirectives(permissions);
    await flush();
    expect(s.isConnected).toBe(false);
    permissions.emit('authenticated', ['admin']);
    expect(s.isConnected).toBe(true);
    expect(granted(inner)).toBe(false);
    permissions.emit('authenticated', ['admin', 'read:reports']);
    expect(granted(inner)).toBe(true);
  });

  it('switching to hide puts the element back, hidden', async () => {
    page(
      `<div id="list"><p id="a" data-permission="admin" data-permission-mode="remove"></p></div>`,
    );
    const a = document.getElementById('a')!;
    unbind = bindDirectives(fakePermissions('authenticated', []));
    expect(a.isConnected).toBe(false);
    a.setAttribute('data-permission-mode', 'hide');
    await flush();
    expect(a.isConnected).toBe(false);
  });

  it('on unbind puts removed elements back, still hidden', () => {
    page(
      `<div id="list"><p id="a"></p><p id="b" data-permission="admin" data-permission-mode="remove"></p></div>`,
    );
    const local = bindDirectives(fakePermissions('authenticated', []));
    expect(texts()).toEqual(['a']);
    local();
    expect(texts()).toEqual(['a', 'b']);
    expect(granted(document.getElementById('b'))).toBe(false);
  });
});

describe('data-permission-mode="disable"', () => {
  it('disables and marks aria-disabled, then restores the author state', () => {
    page(`<button id="b" data-permission="delete:reports" data-permission-mode="disable">x</button>
      <button id="pre" disabled aria-disabled="false" data-permission="delete:reports" data-permission-mode="disable">y</button>`);
    const b = document.getElementById('b') as HTMLButtonElement;
    const pre = document.getElementById('pre') as HTMLButtonElement;
    const permissions = fakePermissions('authenticated', []);
    unbind = bindDirectives(permissions);
    expect(b.disabled).toBe(true);
    expect(b.getAttribute('aria-disabled')).toBe('true');
    expect(b.isConnected).toBe(true);
    expect(granted(b)).toBe(false);
    permissions.emit('authenticated', ['delete:reports']);
    expect(b.disabled).toBe(false);
    expect(b.hasAttribute('aria-disabled')).toBe(false);
    expect(pre.disabled).toBe(true);
    expect(pre.getAttribute('aria-disabled')).toBe('false');
    expect(granted(b)).toBe(true);
  });

  it('makes the element and its subtree inert until allowed, then restores the author inert', () => {
    page(`<form id="f" data-permission="admin" data-permission-mode="disable"><input id="i"></form>
      <div id="pre" inert data-permission="admin" data-permission-mode="disable"></div>`);
    const form = document.getElementById('f')!;
    const pre = document.getElementById('pre')!;
    const permissions = fakePermissions('authenticated', []);
    unbind = bindDirectives(permissions);
    expect(form.hasAttribute('inert')).toBe(true);
    expect(form.getAttribute('aria-disabled')).toBe('true');
    expect(form.hasAttribute('disabled')).toBe(false);
    permissions.emit('authenticated', ['admin']);
    expect(form.hasAttribute('inert')).toBe(false);
    expect(pre.hasAttribute('inert')).toBe(true);
    permissions.emit('anonymous');
    expect(form.hasAttribute('inert')).toBe(true);
  });

  it('reports an unknown mode once and hides', () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    page(`<p id="p" data-permission="admin" data-permission-mode="collapse"></p>`);
    const permissions = fakePermissions('authenticated', []);
    unbind = bindDirectives(permissions);
    permissions.emit('anonymous');
    expect(error).toHaveBeenCalledTimes(1);
    expect(error.mock.calls[0]![0]).toContain('collapse');
    expect(document.getElementById('p')!.isConnected).toBe(true);
  });
});
