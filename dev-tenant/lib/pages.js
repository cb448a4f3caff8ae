// @ts-check
import { escapeHtml as e, scriptJson } from './http.js';

const NOT_AUTH0 = 'Local Auth0 stand-in for development and tests. This is not Auth0.';

/** Content-Security-Policy of the login and error pages (no script at all). */
export const PAGE_CSP = "default-src 'none'; style-src 'self'; img-src 'self' data:";

/** @param {string} title @param {string} body */
function layout(title, body) {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${e(title)}</title>
<link rel="stylesheet" href="/u/styles.css">
</head>
<body>
<main>
<p class="banner" role="note">${NOT_AUTH0}</p>
${body}
</main>
</body>
</html>
`;
}

/**
 * @typedef {{ tx: string, appName: string, apiName: string | null, orgName: string | null,
 *   consent: boolean, error: string | null, email: string,
 *   users: { email: string, name: string, roles: string[], org: string | null }[] }} LoginView
 */

/** The login page: one button per fixture user, and an email/password form. @param {LoginView} v */
export function loginPage(v) {
  const target = v.apiName ? ` to use <strong>${e(v.apiName)}</strong>` : '';
  const users = v.users
    .map(
      (u) => `<li><button type="submit" name="user" value="${e(u.email)}" data-user="${e(u.email)}">
<span class="name">${e(u.name)}</span>
<span class="detail">${e(u.email)} · ${u.roles.length ? e(u.roles.join(', ')) : 'no roles'}${u.org ? ` · ${e(u.org)}` : ''}</span>
</button></li>`,
    )
    .join('\n');
  return layout(
    'Log in · dev tenant',
    `<h1>Log in to ${e(v.appName)}</h1>
<p class="lead">Continue${target}${v.orgName ? ` in the organization <strong>${e(v.orgName)}</strong>` : ''}.</p>
${v.consent ? `<p class="consent" data-consent>Logging in also authorizes ${e(v.appName)} to access ${e(v.apiName ?? 'your profile')} on your behalf.</p>` : ''}
${v.error ? `<p class="error" role="alert" id="login-error">${e(v.error)}</p>` : ''}
<section aria-labelledby="pick">
<h2 id="pick">Pick a test user</h2>
<form method="post" action="/u/login" class="users">
<input type="hidden" name="tx" value="${e(v.tx)}">
<ul>
${users}
</ul>
</form>
</section>
<section aria-labelledby="password-login">
<h2 id="password-login">Or log in with a password</h2>
<form method="post" action="/u/login" id="login-form">
<input type="hidden" name="tx" value="${e(v.tx)}">
<label for="email">Email</label>
<input id="email" name="email" type="email" autocomplete="username" required value="${e(v.email)}">
<label for="password">Password</label>
<input id="password" name="password" type="password" autocomplete="current-password" required>
<button type="submit" id="login-submit">Log in</button>
</form>
<form method="post" action="/u/login">
<input type="hidden" name="tx" value="${e(v.tx)}">
<button type="submit" name="cancel" value="1" class="link" id="login-cancel">Cancel and return to the app</button>
</form>
</section>`,
  );
}

/** @param {string} title @param {string} message */
export function errorPage(title, message) {
  return layout(title, `<h1>${e(title)}</h1>\n<p class="error" role="alert">${e(message)}</p>`);
}

export function loggedOutPage() {
  return layout(
    'Logged out · dev tenant',
    '<h1>You are logged out</h1>\n<p>The dev tenant session has ended.</p>',
  );
}

/**
 * The `web_message` response: posts the result to the window that opened the iframe/popup, as
 * Auth0's page does.
 * @param {string} targetOrigin @param {Record<string, unknown>} response
 */
export function webMessagePage(targetOrigin, response) {
  return `<!doctype html>
<html><head><title>Authorization Response</title></head>
<body>
<script type="text/javascript">
(function (window) {
  var targetOrigin = ${scriptJson(targetOrigin)};
  var authorizationResponse = { type: "authorization_response", response: ${scriptJson(response)} };
  var mainWin = window.opener ? window.opener : window.parent;
  mainWin.postMessage(authorizationResponse, targetOrigin);
})(this);
</script>
</body></html>
`;
}

/** The `form_post` response: an auto-submitting form. @param {string} action @param {Record<string, string>} fields */
export function formPostPage(action, fields) {
  const inputs = Object.entries(fields)
    .map(([name, value]) => `<input type="hidden" name="${e(name)}" value="${e(value)}">`)
    .join('\n');
  return `<!doctype html>
<html><head><title>Submit This Form</title></head>
<body onload="javascript:document.forms[0].submit()">
<form method="post" action="${e(action)}">
${inputs}
<noscript><button type="submit">Continue</button></noscript>
</form>
</body></html>
`;
}

/** @param {string} initials */
export function avatarSvg(initials) {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64" viewBox="0 0 64 64"><rect width="64" height="64" rx="32" fill="#635dff"/><text x="32" y="40" font-family="sans-serif" font-size="24" fill="#fff" text-anchor="middle">${e(initials)}</text></svg>`;
}

export const STYLES = `*{box-sizing:border-box}
body{margin:0;font:16px/1.5 system-ui,sans-serif;background:#f4f4f8;color:#1e1e2a}
main{max-width:34rem;margin:2rem auto;padding:2rem;background:#fff;border-radius:12px;box-shadow:0 2px 12px #0001}
.banner{margin:0 0 1rem;padding:.5rem .75rem;background:#fff4d6;border:1px solid #e8c766;border-radius:6px;font-size:.85rem}
h1{font-size:1.4rem;margin:.5rem 0}h2{font-size:1rem;margin:1.5rem 0 .5rem}
.lead{color:#555}.error{color:#a1001d;background:#fdecef;padding:.5rem .75rem;border-radius:6px}
.consent{background:#eef3ff;padding:.5rem .75rem;border-radius:6px}
ul{list-style:none;padding:0;margin:0;display:grid;gap:.5rem}
button{font:inherit;cursor:pointer;border-radius:8px;border:1px solid #c9c9d6;background:#fff;padding:.6rem .9rem}
.users button{width:100%;text-align:left;display:flex;flex-direction:column}
.users button:hover,.users button:focus{border-color:#635dff;outline:none}
.name{font-weight:600}.detail{font-size:.85rem;color:#666}
label{display:block;margin:.5rem 0 .2rem;font-size:.9rem}
input{font:inherit;width:100%;padding:.5rem;border:1px solid #c9c9d6;border-radius:6px}
#login-submit{margin-top:1rem;background:#635dff;border-color:#635dff;color:#fff;width:100%}
.link{border:0;background:none;color:#635dff;padding:.5rem 0;margin-top:.5rem}
`;
