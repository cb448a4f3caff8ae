import { mount } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { defineComponent, h, nextTick, ref } from 'vue';
import {
  createAuth0Permissions,
  usePermission,
  usePermissions,
  usePermissionsInstance,
} from '../../src/vue/index.js';
import { controlled } from './helpers.js';

afterEach(() => vi.restoreAllMocks());

/** Mounts `setup` inside an app with the plugin over `instance`. */
function withPlugin(instance: ReturnType<typeof controlled>, setup: () => () => unknown) {
  return mount(defineComponent({ setup }), {
    global: { plugins: [createAuth0Permissions({ instance })] },
  });
}

describe('usePermission', () => {
  it('is false while loading, follows the permissions, and false again after logout', async () => {
    const instance = controlled();
    const wrapper = withPlugin(instance, () => {
      const canDelete = usePermission('delete:reports');
      return () => h('button', { hidden: !canDelete.value }, 'Delete');
    });
    expect(wrapper.find('button').attributes('hidden')).toBeDefined();
    await instance.grant(['read:reports', 'delete:reports']);
    await nextTick();
    expect(wrapper.find('button').attributes('hidden')).toBeUndefined();
    await instance.grant(['read:reports']);
    await nextTick();
    expect(wrapper.find('button').attributes('hidden')).toBeDefined();
    await instance.grant(['delete:reports']);
    await instance.logout();
    await nextTick();
    expect(wrapper.find('button').attributes('hidden')).toBeDefined();
  });

  it('takes a ref or getter, evaluated again when it changes', async () => {
    const instance = controlled();
    await instance.grant(['read:reports']);
    const expression = ref('read:reports');
    const wrapper = withPlugin(instance, () => {
      const allowed = usePermission(expression);
      return () => h('p', String(allowed.value));
    });
    expect(wrapper.text()).toBe('true');
    expression.value = 'read:reports and manage:users';
    await nextTick();
    expect(wrapper.text()).toBe('false');
  });

  it('a bad expression grants nothing, is reported once, and never throws into the render', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const instance = controlled();
    await instance.grant(['read:reports', 'delete:reports']);
    const wrapper = withPlugin(instance, () => {
      const first = usePermission('read:reports delete:reports');
      const second = usePermission('read:reports delete:reports');
      return () => h('p', `${first.value} ${second.value}`);
    });
    expect(wrapper.text()).toBe('false false');
    await instance.grant(['read:reports']);
    await nextTick();
    const reports = error.mock.calls.filter(([message]) =>
      String(message).includes('grants nothing'),
    );
    expect(reports).toHaveLength(1);
    expect(String(reports[0]?.[0])).toContain('"read:reports delete:reports"');
    expect(String(reports[0]?.[0])).toContain('Use "and" or "or"');
  });
});

describe('usePermissions and usePermissionsInstance', () => {
  it('the snapshot ref changes with the instance; the instance is the one given', async () => {
    const instance = controlled();
    const seen: string[] = [];
    let given: unknown;
    const wrapper = withPlugin(instance, () => {
      const snapshot = usePermissions();
      given = usePermissionsInstance();
      return () => {
        seen.push(snapshot.value.state);
        return h('p', [...snapshot.value.permissions].join(','));
      };
    });
    expect(given).toBe(instance);
    await instance.grant(['read:reports']);
    await nextTick();
    expect(wrapper.text()).toBe('read:reports');
    expect(seen).toEqual(['loading', 'authenticated']);
  });

  it('outside the plugin: a coded error naming the fix', () => {
    const error = vi.spyOn(console, 'warn').mockImplementation(() => {});
    let caught: unknown;
    mount(
      defineComponent({
        setup() {
          try {
            usePermission('read:reports');
          } catch (thrown) {
            caught = thrown;
          }
          return () => null;
        },
      }),
    );
    expect(caught).toMatchObject({ code: 'ERR_INVALID_OPTIONS' });
    expect(String((caught as Error).message)).toContain('createAuth0Permissions()');
    error.mockRestore();
  });
});
