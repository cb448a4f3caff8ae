import { mount } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { defineComponent, h } from 'vue';
import { createMemoryHistory, createRouter, RouterView } from 'vue-router';
import { createAuth0Permissions, createPermissionGuard } from '../../src/vue/index.js';
import { controlled } from './helpers.js';

afterEach(() => vi.restoreAllMocks());

const page = (name: string) => defineComponent({ render: () => h('p', name) });

function app(instance: ReturnType<typeof controlled>, options = {}) {
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/', component: page('home') },
      { path: '/admin', component: page('admin'), meta: { permission: 'manage:users' } },
      { path: '/bad', component: page('bad'), meta: { permission: 'manage:users (' } },
      { path: '/denied', component: page('denied') },
    ],
  });
  router.beforeEach(createPermissionGuard({ denied: { path: '/denied' }, ...options }));
  const wrapper = mount(defineComponent({ render: () => h(RouterView) }), {
    global: { plugins: [createAuth0Permissions({ instance }), router] },
  });
  return { router, wrapper };
}

describe('createPermissionGuard', () => {
  it('waits while loading, then lets a holder in', async () => {
    const instance = controlled();
    const { router, wrapper } = app(instance);
    const navigation = router.push('/admin');
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(router.currentRoute.value.path).not.toBe('/admin');
    await instance.grant(['manage:users']);
    await navigation;
    expect(router.currentRoute.value.path).toBe('/admin');
    expect(wrapper.text()).toBe('admin');
  });

  it('sends a visitor without the permission, or anonymous, to `denied`', async () => {
    const instance = controlled();
    await instance.grant(['read:reports']);
    const { router } = app(instance);
    await router.push('/admin');
    expect(router.currentRoute.value.path).toBe('/denied');
    await instance.logout();
    await router.push('/');
    await router.push('/admin');
    expect(router.currentRoute.value.path).toBe('/denied');
  });

  it('routes without meta.permission pass; without `denied` a refusal cancels', async () => {
    const instance = controlled();
    await instance.grant(null);
    const router = createRouter({
      history: createMemoryHistory(),
      routes: [
        { path: '/', component: page('home') },
        { path: '/admin', component: page('admin'), meta: { permission: 'manage:users' } },
      ],
    });
    router.beforeEach(createPermissionGuard({ instance }));
    await router.push('/');
    expect(router.currentRoute.value.path).toBe('/');
    await router.push('/admin');
    expect(router.currentRoute.value.path).toBe('/');
  });

  it('a bad expression in meta refuses and is reported once', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const instance = controlled();
    await instance.grant(['manage:users']);
    const { router } = app(instance);
    await router.push('/bad');
    await router.push('/');
    await router.push('/bad');
    expect(router.currentRoute.value.path).toBe('/denied');
    expect(error.mock.calls.filter(([m]) => String(m).includes('"manage:users ("'))).toHaveLength(
      1,
    );
  });
});
