import { afterEach, describe, expect, it, vi } from 'vitest';
import { bindDirectives } from '../../src/dom/index.js';
import { fakePermissions, flush, granted, page } from './fake.js';

let unbind = () => {};
afterEach(() => {
  unbind();
  vi.restoreAllMocks();
  document.body.innerHTML = '';
});

describe('data-permission', () => {
  it('stays hidden while loading, then follows the expression', () => {
    page(`<button id="d" data-permission="delete:reports">Delete</button>
      <p id="r" data-permission="read:reports and not delete:reports">Read only</p>`);
    const permissions = fakePermissions();
    unbind = bindDirectives(permissions);
    const d = document.getElementById('d');
    const r = document.getElementById('r');
    expect([granted(d), granted(r)]).toEqual([false, false]);
    permissions.emit('authenticated', ['read:reports']);
    expect([granted(d), granted(r)]).toEqual([false, true]);
    permissions.emit('authenticated', ['read:reports', 'delete:reports']);
    expect([granted(d), granted(r)]).toEqual([true, false]);
  });

  it('hides everything, negations included, while anonymous or in error', () => {
    page(`<p id="n" data-permission="not admin">x</p>`);
    const permissions = fakePermissions('authenticated', []);
    unbind = bindDirectives(permissions);
    const n = document.getElementById('n');
    expect(granted(n)).toBe(true);
    permissions.emit('anonymous');
    expect(granted(n)).toBe(false);
    permissions.emit('error');
    expect(granted(n)).toBe(false);
  });

  it('supports wildcards and the symbolic operators', () => {
    page(`<p id="w" data-permission="reports:* || admin">x</p>`);
    const permissions = fakePermissions('authenticated', ['reports:read']);
    unbind = bindDirectives(permissions);
    expect(granted(document.getElementById('w'))).toBe(true);
  });

  it('re-evaluates when the attribute changes later', async () => {
    page(`<p id="p" data-permission="read:reports">x</p>`);
    const permissions = fakePermissions('authenticated', ['read:reports']);
    unbind = bindDirectives(permissions);
    const p = document.getElementById('p')!;
    expect(granted(p)).toBe(true);
    p.setAttribute('data-permission', 'delete:reports');
    await flush();
    expect(granted(p)).toBe(false);
    p.removeAttribute('data-permission');
    await flush();
    expect(granted(p)).toBe(false);
  });

  it('gates elements added later', async () => {
    page('<div id="list"></div>');
    const permissions = fakePermissions('authenticated', ['read:reports']);
    unbind = bindDirectives(permissions);
    const list = document.getElementById('list')!;
    const wrapper = document.createElement('section');
    const yes = document.createElement('p');
    yes.setAttribute('data-permission', 'read:reports');
    const no = document.createElement('p');
    no.setAttribute('data-permission', 'manage:users');
    wrapper.append(yes, no);
    list.append(wrapper);
    await flush();
    expect([granted(yes), granted(no)]).toEqual([true, false]);
    permissions.emit('authenticated', ['manage:users']);
    expect([granted(yes), granted(no)]).toEqual([false, true]);
  });

  it('keeps a bad expression hidden and reports it once, with the element and position', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    page(`<button id="bad" class="danger" data-permission="read:reports delete:reports">x</button>
      <p id="empty" data-permission="">y</p>`);
    const permissions = fakePermissions('authenticated', ['read:reports', 'delete:reports']);
    unbind = bindDirectives(permissions);
    permissions.emit('authenticated', ['read:reports']);
    permissions.emit('authenticated', ['read:reports', 'delete:reports']);
    expect(granted(document.getElementById('bad'))).toBe(false);
    expect(granted(document.getElementById('empty'))).toBe(false);
    expect(error).toHaveBeenCalledTimes(2);
    const [message, element] = error.mock.calls[0]!;
    expect(message).toContain('<button#bad.danger>');
    expect(message).toContain('position 13');
    expect(message).toContain('"and" or "or"');
    expect(element).toBe(document.getElementById('bad'));
    expect(error.mock.calls[1]![0]).toContain('position 0');
  });

  it('removes a grant written in the markup until evaluated', () => {
    page(`<p id="p" data-permission="admin" data-permission-granted>x</p>`);
    unbind = bindDirectives(fakePermissions('authenticated', []));
    expect(granted(document.getElementById('p'))).toBe(false);
  });
});
