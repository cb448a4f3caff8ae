import { afterEach, describe, expect, it, vi } from 'vitest';
import { bindDirectives } from '../../src/dom/index.js';
import { fakePermissions, flush, granted, page } from './fake.js';

afterEach(() => {
  vi.restoreAllMocks();
  document.body.innerHTML = '';
});

describe('the directive registry', () => {
  it('subscribes once and observes with one MutationObserver', () => {
    const observe = vi.spyOn(MutationObserver.prototype, 'observe');
    page('<p data-permission="a"></p><p data-authenticated></p><p data-anonymous></p>');
    const permissions = fakePermissions();
    const unbind = bindDirectives(permissions);
    expect(permissions.listenerCount()).toBe(1);
    expect(observe).toHaveBeenCalledTimes(1);
    expect(observe.mock.calls[0]![1]).toMatchObject({
      attributeFilter: expect.not.arrayContaining(['data-permission-granted']),
    });
    unbind();
    expect(permissions.listenerCount()).toBe(0);
  });

  it('binding the same root again replaces the first binding', () => {
    const first = fakePermissions('authenticated', ['a']);
    const second = fakePermissions('authenticated', []);
    page('<p id="p" data-permission="a"></p>');
    const unbindFirst = bindDirectives(first);
    const unbind = bindDirectives(second);
    expect(first.listenerCount()).toBe(0);
    expect(granted(document.getElementById('p'))).toBe(false);
    unbindFirst();
    expect(second.listenerCount()).toBe(1);
    unbind();
  });

  it('binds a subtree only', async () => {
    page(
      '<p id="out" data-permission="a"></p><div id="root"><p id="in" data-permission="a"></p></div>',
    );
    const unbind = bindDirectives(
      fakePermissions('authenticated', ['a']),
      document.getElementById('root')!,
    );
    await flush();
    expect(granted(document.getElementById('in'))).toBe(true);
    expect(granted(document.getElementById('out'))).toBe(false);
    unbind();
  });

  it('forgets removed elements and re-binds them when they come back', async () => {
    page('<div id="host"><p id="p" data-permission="a"></p></div>');
    const permissions = fakePermissions('authenticated', ['a']);
    const unbind = bindDirectives(permissions);
    const p = document.getElementById('p')!;
    p.remove();
    await flush();
    expect(granted(p)).toBe(false);
    permissions.emit('authenticated', ['a', 'b']);
    expect(granted(p)).toBe(false);
    document.getElementById('host')!.append(p);
    await flush();
    expect(granted(p)).toBe(true);
    unbind();
  });

  it('adds the fail-closed stylesheet to the document once', () => {
    const unbind = bindDirectives(fakePermissions());
    bindDirectives(fakePermissions())();
    // What the rules do is tested in Chromium (test/browser/dom-*.test.ts).
    expect(document.adoptedStyleSheets.length).toBe(1);
    unbind();
  });
});
