import { afterEach, describe, expect, it } from 'vitest';
import { bindDirectives } from '../../src/dom/index.js';
import { fakePermissions } from './fake.js';

afterEach(() => {
  document.body.innerHTML = '';
});

describe('<html data-permissions-state>', () => {
  it('follows the state and goes away on unbind', () => {
    const html = document.documentElement;
    const permissions = fakePermissions();
    const unbind = bindDirectives(permissions);
    expect(html.getAttribute('data-permissions-state')).toBe('loading');
    permissions.emit('authenticated', []);
    expect(html.getAttribute('data-permissions-state')).toBe('authenticated');
    permissions.emit('error');
    expect(html.getAttribute('data-permissions-state')).toBe('error');
    unbind();
    expect(html.hasAttribute('data-permissions-state')).toBe(false);
  });
});
