import { reportOnce } from './describe.js';
import type { Directive } from './registry.js';

const ACTIONS = new Set(['login', 'logout', 'refresh']);

/** `data-auth-action="login | logout | refresh"`: a click calls that method of the instance. */
export const authAction: Directive = {
  attribute: 'data-auth-action',
  bind(element, { instance, cleanup }) {
    const onClick = (event: Event) => {
      const action = element.getAttribute('data-auth-action') ?? '';
      if (!ACTIONS.has(action)) {
        reportOnce(element, `has data-auth-action="${action}"; use login, logout or refresh.`);
        return;
      }
      event.preventDefault();
      Promise.resolve(instance[action as 'login' | 'logout' | 'refresh']()).catch(
        (error: unknown) => console.error(`auth0-permissions: ${action} failed`, error),
      );
    };
    element.addEventListener('click', onClick);
    cleanup(() => element.removeEventListener('click', onClick));
  },
};
