// A Vue app with the REAL vue, vue-router and @auth0/auth0-vue, and the BUILT
// auth0-permissions/vue (dist/vue). Its configuration comes from `?config=` (kept in
// sessionStorage across the login redirect).
import { createAuth0 } from '@auth0/auth0-vue';
import {
  createAuth0Permissions,
  createPermissionGuard,
  usePermission,
  usePermissions,
  usePermissionsInstance,
} from 'auth0-permissions/vue';
import { createApp, defineComponent, h, resolveDirective, vShow, withDirectives } from 'vue';
import { createRouter, createWebHistory, RouterView } from 'vue-router';

const given = new URLSearchParams(location.search).get('config');
if (given) sessionStorage.setItem('vue-test-config', given);
const config = JSON.parse(sessionStorage.getItem('vue-test-config') ?? '{}');

const gated = (
  tag: string,
  id: string,
  expression: unknown,
  modifiers: Record<string, boolean> = {},
  children = id,
) =>
  withDirectives(h(tag, { id }, children), [
    [resolveDirective('permission')!, expression, '', modifiers],
  ]);

const Home = defineComponent({
  setup() {
    const snapshot = usePermissions();
    const canRead = usePermission('read:reports');
    const bad = usePermission('read:reports delete:reports');
    const instance = usePermissionsInstance();
    (window as unknown as { vueTest: object }).vueTest = {
      instance,
      now: () => ({ state: instance.state, permissions: [...instance.permissions].sort() }),
    };
    return () =>
      h('main', [
        h('p', { id: 'state' }, snapshot.value.state),
        h('p', { id: 'can-read' }, String(canRead.value)),
        h('p', { id: 'bad-composable' }, String(bad.value)),
        gated('button', 'delete', 'delete:reports'),
        // v-show says "show": the permission must still win.
        withDirectives(gated('section', 'admin', 'manage:users'), [[vShow, true]]),
        gated('fieldset', 'create', 'create:reports', { disable: true }, ''),
        gated('p', 'bad-directive', 'read:reports delete:reports'),
      ]);
  },
});

const page = (text: string) => defineComponent({ render: () => h('p', { id: 'page' }, text) });

function start() {
  const router = createRouter({
    history: createWebHistory(),
    routes: [
      { path: '/', component: Home },
      { path: '/admin', component: page('admin area'), meta: { permission: 'manage:users' } },
      { path: '/denied', component: page('denied') },
    ],
  });
  router.beforeEach(createPermissionGuard({ denied: { path: '/denied' } }));
  const placed = config.audience && !config.topLevelAudience;
  createApp({ render: () => h(RouterView) })
    .use(router)
    .use(
      createAuth0({
        domain: config.domain,
        clientId: config.clientId,
        ...(config.topLevelAudience ? { audience: config.audience } : {}),
        authorizationParams: {
          redirect_uri: `${location.origin}/`,
          ...(placed ? { audience: config.audience } : {}),
        },
      }),
    )
    .use(createAuth0Permissions({ diagnostics: false }))
    .mount('#app');
}

try {
  start();
} catch (error) {
  const { code, message } = error as { code?: string; message: string };
  (window as unknown as { vueTest: object }).vueTest = { startError: { code, message } };
  document.body.textContent = `${code}: ${message}`;
}
