/// <reference types="vite/client" />
// The Vue page: @auth0/auth0-vue logs in, auth0-permissions/vue gates the UI (v-permission,
// usePermission, the router guard). In this repo Vite resolves the library to src/.
import { createAuth0 } from '@auth0/auth0-vue';
import { createAuth0Permissions, createPermissionGuard } from 'auth0-permissions/vue';
import { createApp, h } from 'vue';
import { createRouter, createWebHistory } from 'vue-router';
import { config } from '../shared/config.js';
import App from './App.vue';

const page = (text: string) => ({ render: () => h('p', { class: 'note-box', id: 'route' }, text) });

const router = createRouter({
  history: createWebHistory('/vue/'),
  routes: [
    { path: '/', component: page('') },
    {
      path: '/users',
      component: page('The users route: its guard let you in (meta.permission = manage:users).'),
      meta: { permission: 'manage:users' },
    },
    {
      path: '/denied',
      component: page('The users route needs manage:users: the guard sent you here.'),
    },
  ],
});
router.beforeEach(createPermissionGuard({ denied: { path: '/denied' } }));

createApp(App)
  .use(router)
  .use(
    createAuth0({
      domain: config.domain,
      clientId: config.clientId,
      // The audience where auth0-spa-js 2 reads it: the plugin refuses it anywhere else.
      authorizationParams: { audience: config.audience, redirect_uri: `${location.origin}/vue/` },
    }),
  )
  // The token inspector shows the findings; no need to print them on the console too.
  .use(createAuth0Permissions({ diagnostics: false }))
  .mount('#app');
