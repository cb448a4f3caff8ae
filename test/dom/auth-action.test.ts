import { afterEach, describe, expect, it, vi } from 'vitest';
import { bindDirectives } from '../../src/dom/index.js';
import { fakePermissions, flush, page } from './fake.js';

let unbind = () => {};
afterEach(() => {
  unbind();
  vi.restoreAllMocks();
  document.body.innerHTML = '';
});

const click = (element: Element) => {
  const event = new MouseEvent('click', { bubbles: true, cancelable: true });
  element.dispatchEvent(event);
  return event.defaultPrevented;
};

describe('data-auth-action', () => {
  it('calls login, logout and refresh', () => {
    page(`<a id="in" href="/login" data-auth-action="login">in</a>
      <button id="out" data-auth-action="logout">out</button>
      <button id="again" data-auth-action="refresh">again</button>`);
    const permissions = fakePermissions('anonymous');
    unbind = bindDirectives(permissions);
    expect(click(document.getElementById('in')!)).toBe(true);
    click(document.getElementById('out')!);
    click(document.getElementById('again')!);
    expect(permissions.login).toHaveBeenCalledTimes(1);
    expect(permissions.logout).toHaveBeenCalledTimes(1);
    expect(permissions.refresh).toHaveBeenCalledTimes(1);
  });

  it('works on buttons added later and stops after removal and unbind', async () => {
    page('<div id="host"></div>');
    const permissions = fakePermissions('anonymous');
    unbind = bindDirectives(permissions);
    const button = document.createElement('button');
    button.setAttribute('data-auth-action', 'login');
    document.getElementById('host')!.append(button);
    await flush();
    click(button);
    expect(permissions.login).toHaveBeenCalledTimes(1);
    button.remove();
    await flush();
    click(button);
    expect(permissions.login).toHaveBeenCalledTimes(1);
  });

  it('reports an unknown action', () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    page(`<button id="b" data-auth-action="signup">x</button>`);
    unbind = bindDirectives(fakePermissions('anonymous'));
    expect(click(document.getElementById('b')!)).toBe(false);
    expect(error.mock.calls[0]![0]).toContain('use login, logout or refresh');
  });
});
