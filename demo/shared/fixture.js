// The stand-in's test users, shown on the landing page and on each page's login screen.
import { config, FIXTURE_USERS, PASSWORD } from './config.js';
import { byId, fill, h } from './dom.js';

/** Fills `#fixture-users` and shows `#fixture`, with the stand-in only. */
export function showFixtureUsers() {
  const list = document.getElementById('fixture-users');
  if (!list || !config.devTenant) return;
  fill(
    list,
    ...FIXTURE_USERS.map((user) =>
      h(
        'li',
        {},
        h(
          'span',
          {},
          h('strong', { text: user.name }),
          h('br'),
          h('span', { class: 'hint', text: user.email }),
        ),
        h('span', { class: 'perm-list', text: `${user.role}: ${user.sees}` }),
      ),
    ),
  );
  byId('fixture-password').textContent = PASSWORD;
  byId('fixture').removeAttribute('hidden');
}
