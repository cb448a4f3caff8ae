import { afterEach, describe, expect, it } from 'vitest';
import { bindDirectives } from '../../src/dom/index.js';
import { fakePermissions, granted, page } from './fake.js';

let unbind = () => {};
afterEach(() => {
  unbind();
  document.body.innerHTML = '';
});

describe('data-authenticated and data-anonymous', () => {
  it('follow the state, and neither shows while loading or in error', () => {
    page(`<p id="in" data-authenticated>hi</p><button id="out" data-anonymous>Log in</button>`);
    const permissions = fakePermissions();
    unbind = bindDirectives(permissions);
    const state = () => [
      granted(document.getElementById('in')),
      granted(document.getElementById('out')),
    ];
    expect(state()).toEqual([false, false]);
    permissions.emit('anonymous');
    expect(state()).toEqual([false, true]);
    permissions.emit('authenticated', []);
    expect(state()).toEqual([true, false]);
    permissions.emit('error');
    expect(state()).toEqual([false, false]);
  });

  it('combines with data-permission: every gate must agree', () => {
    page(`<p id="p" data-authenticated data-permission="admin">x</p>`);
    const permissions = fakePermissions('authenticated', []);
    unbind = bindDirectives(permissions);
    expect(granted(document.getElementById('p'))).toBe(false);
    permissions.emit('authenticated', ['admin']);
    expect(granted(document.getElementById('p'))).toBe(true);
  });
});
