import { act, cleanup, render, renderHook, screen } from '@testing-library/react';
import { createElement, type ReactNode, StrictMode } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createPermissions } from '../../src/permissions.js';
import {
  Can,
  PermissionsProvider,
  RequirePermission,
  usePermission,
  usePermissions,
  usePermissionsInstance,
} from '../../src/react/index.js';
import type { Permissions } from '../../src/types.js';
import { unsignedToken } from '../support/tokens.js';

/**
 * The hooks and components with the real react, react-dom and @testing-library/react over a real
 * createPermissions instance fed by a getter (the provider path over useAuth0() runs in Chromium,
 * test/browser/react.test.ts).
 */

const token = (permissions: string[]) => unsignedToken({ permissions });

const instances: Permissions[] = [];
/** A live instance whose token holds `granted` (changed later with `grant`); null = anonymous. */
function live(initial: string[] | null) {
  let granted = initial;
  let release!: () => void;
  const gate = new Promise<void>((resolve) => {
    release = resolve;
  });
  const instance = createPermissions({
    getAccessToken: async () => {
      await gate;
      return granted && token(granted);
    },
  });
  instances.push(instance);
  return {
    instance,
    /** Lets the first token through: until then the instance is loading. */
    load: () =>
      act(async () => {
        release();
        await instance.ready();
      }),
    grant: (next: string[] | null) =>
      act(async () => {
        granted = next;
        await instance.refresh();
      }),
  };
}

const wrap = (instance: Permissions) => ({
  wrapper: ({ children }: { children: ReactNode }) =>
    createElement(PermissionsProvider, { instance }, children),
});

afterEach(() => {
  cleanup();
  for (const instance of instances.splice(0)) instance.destroy();
  vi.restoreAllMocks();
});

describe('usePermissions', () => {
  it('is loading, then the snapshot; re-renders only when the permissions really change', async () => {
    const { instance, load, grant } = live(['read:reports']);
    let renders = 0;
    const { result } = renderHook(() => {
      renders++;
      return usePermissions();
    }, wrap(instance));
    expect(result.current.state).toBe('loading');
    await load();
    expect(result.current.state).toBe('authenticated');
    expect([...result.current.permissions]).toEqual(['read:reports']);
    const before = renders;
    await grant(['read:reports']); // a renewed token with the same permissions
    expect(renders).toBe(before);
    await grant(['read:reports', 'delete:reports']);
    expect(renders).toBe(before + 1);
    expect(result.current.permissions.has('delete:reports')).toBe(true);
  });

  it('gives the instance to usePermissionsInstance, and refuses to run outside a provider', () => {
    const { instance } = live(['read:reports']);
    expect(renderHook(() => usePermissionsInstance(), wrap(instance)).result.current).toBe(
      instance,
    );
    vi.spyOn(console, 'error').mockImplementation(() => {});
    expect(() => renderHook(() => usePermissions())).toThrow(
      expect.objectContaining({ code: 'ERR_INVALID_OPTIONS' }),
    );
  });
});

describe('usePermission', () => {
  it('is false while loading, follows the expression, and re-renders only when it flips', async () => {
    const { instance, load, grant } = live(['read:reports']);
    let renders = 0;
    const { result } = renderHook(() => {
      renders++;
      return usePermission('read:reports and not archived');
    }, wrap(instance));
    expect(result.current).toBe(false);
    await load();
    expect(result.current).toBe(true);
    const before = renders;
    await grant(['read:reports', 'delete:reports']); // more permissions, same answer
    expect(renders).toBe(before);
    await grant(['read:reports', 'archived']);
    expect(result.current).toBe(false);
    await grant(null); // logged out
    expect(result.current).toBe(false);
  });

  it('understands wildcards', async () => {
    const { instance, load } = live(['reports:read']);
    const { result } = renderHook(() => usePermission('reports:*'), wrap(instance));
    await load();
    expect(result.current).toBe(true);
  });

  it('a bad expression grants nothing and is reported once, never thrown', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const { instance, load, grant } = live(['read:reports']);
    const { result } = renderHook(
      () => usePermission('read:reports delete:reports'),
      wrap(instance),
    );
    await load();
    await grant(['read:reports', 'delete:reports']);
    expect(result.current).toBe(false);
    const reports = error.mock.calls.filter(([message]) =>
      String(message).includes('"read:reports delete:reports"'),
    );
    expect(reports).toHaveLength(1);
    expect(String(reports[0]?.[0])).toMatch(/"and" or "or".*position 13/);
  });
});

const page = (instance: Permissions, element: ReactNode) =>
  render(
    createElement(StrictMode, null, createElement(PermissionsProvider, { instance }, element)),
  );

describe('<Can>', () => {
  const can = (when: string) =>
    createElement(
      Can,
      { when, fallback: createElement('p', null, 'read only') },
      createElement('button', { type: 'button' }, 'Delete'),
    );

  it('renders nothing while loading, the children when granted, the fallback when not', async () => {
    const { instance, load, grant } = live(['read:reports', 'delete:reports']);
    const { container } = page(instance, can('delete:reports'));
    expect(container.innerHTML).toBe('');
    await load();
    expect(screen.getByRole('button', { name: 'Delete' })).toBeTruthy();
    await grant(['read:reports']);
    expect(screen.queryByRole('button')).toBeNull();
    expect(screen.getByText('read only')).toBeTruthy();
    await grant(null);
    expect(screen.queryByRole('button')).toBeNull();
  });

  it('renders nothing for a bad expression, not even the fallback, and reports it once', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const { instance, load } = live(['read:reports']);
    const { container } = page(
      instance,
      createElement('div', null, can('read:reports ) ('), can('read:reports ) (')),
    );
    await load();
    expect(container.textContent).toBe('');
    expect(error.mock.calls.filter(([m]) => String(m).includes('read:reports ) ('))).toHaveLength(
      1,
    );
  });
});

describe('<RequirePermission>', () => {
  const guard = (when: string) =>
    createElement(
      RequirePermission,
      {
        when,
        loading: createElement('p', null, 'Checking…'),
        denied: createElement('p', null, 'No access'),
      },
      createElement('h1', null, 'Admin'),
    );

  it('shows the loading element, then the route or the denied element', async () => {
    const { instance, load, grant } = live(['manage:users']);
    page(instance, guard('manage:users'));
    expect(screen.getByText('Checking…')).toBeTruthy();
    expect(screen.queryByText('Admin')).toBeNull();
    await load();
    expect(screen.getByRole('heading', { name: 'Admin' })).toBeTruthy();
    await grant(['read:reports']);
    expect(screen.getByText('No access')).toBeTruthy();
    expect(screen.queryByText('Admin')).toBeNull();
  });

  it('denies an anonymous visitor and a bad expression', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const anonymous = live(null);
    page(anonymous.instance, guard('manage:users'));
    await anonymous.load();
    expect(screen.getByText('No access')).toBeTruthy();
    cleanup();
    const admin = live(['manage:users']);
    page(admin.instance, guard('manage:users or or'));
    await admin.load();
    expect(screen.getByText('No access')).toBeTruthy();
  });
});

describe('<PermissionsProvider> without <Auth0Provider> or instance', () => {
  it('fails closed with ERR_INVALID_OPTIONS instead of crashing the page', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    let seen: ReturnType<typeof usePermissions> | undefined;
    const Probe = () => {
      seen = usePermissions();
      return createElement(Can, { when: 'read:reports' }, 'secret');
    };
    const { container } = render(createElement(PermissionsProvider, null, createElement(Probe)));
    await vi.waitFor(() => expect(seen?.state).toBe('error'));
    expect(seen?.error?.code).toBe('ERR_INVALID_OPTIONS');
    expect(container.textContent).toBe('');
    expect(error).toHaveBeenCalled();
  });
});
