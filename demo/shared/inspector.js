// The token inspector: the decoded access token, with the claims that decide permissions
// highlighted, and the diagnosis findings beside it.
import { h } from './dom.js';

/** Claims that decide what the user may do: highlighted in the decoded token. */
export const KEY_CLAIMS = ['permissions', 'aud', 'scope'];

/** @param {unknown} value @param {string} indent @returns {Node[]} */
function valueNodes(value, indent) {
  if (typeof value === 'string') return [h('span', { class: 'str', text: JSON.stringify(value) })];
  if (typeof value === 'number' || typeof value === 'boolean' || value === null)
    return [h('span', { class: 'num', text: String(value) })];
  const text = JSON.stringify(value, null, 2) ?? 'undefined';
  return [document.createTextNode(text.replace(/\n/g, `\n${indent}`))];
}

/**
 * A `<pre>` with the JSON object, `highlight` keys wrapped in `<mark>`, and a line for each of
 * them that is absent.
 * @param {Record<string, unknown>} object
 * @param {{ highlight?: string[], missing?: string[] }} [options]
 */
export function jsonBlock(object, { highlight = KEY_CLAIMS, missing = [] } = {}) {
  const pre = h('pre', { class: 'json', tabindex: '0' });
  pre.append('{\n');
  const entries = Object.entries(object);
  entries.forEach(([key, value], index) => {
    const line = [
      h('span', { class: 'key', text: JSON.stringify(key) }),
      ': ',
      ...valueNodes(value, '  '),
      index < entries.length - 1 ? ',' : '',
    ];
    pre.append('  ');
    if (highlight.includes(key)) pre.append(h('mark', { 'data-claim': key }, ...line));
    else pre.append(...line);
    pre.append('\n');
  });
  for (const key of missing) {
    if (key in object) continue;
    pre.append('  ', h('span', { class: 'missing', text: `// no "${key}" claim` }), '\n');
  }
  pre.append('}');
  return pre;
}

const KIND_TEXT = {
  jwt: 'JWT (signature not checked in the browser: the API checks it)',
  encrypted: 'Encrypted token (JWE): only /userinfo can read it',
  opaque: 'Opaque token: not a JWT, nothing to read',
  malformed: 'Malformed token',
  none: 'No token',
};

/**
 * The decoded view of a token.
 * @param {string | undefined} token
 * @param {{ inspectToken: (token: unknown) => any }} lib
 * @param {{ missing?: string[], highlight?: string[] }} [options]
 */
export function tokenView(token, lib, options = {}) {
  const info = lib.inspectToken(token);
  const kind = h('span', {
    class: `token-kind${info.kind === 'jwt' ? '' : ' bad'}`,
    'data-token-kind': info.kind,
    text: KIND_TEXT[/** @type {keyof typeof KIND_TEXT} */ (info.kind)] ?? info.kind,
  });
  if (info.kind === 'jwt') {
    const header = Object.entries(info.header)
      .map(([k, v]) => `${k}: ${v}`)
      .join(' · ');
    return h(
      'div',
      { class: 'token-view' },
      kind,
      h('p', { class: 'hint', text: `Header: ${header} · ${info.size} characters` }),
      jsonBlock(info.claims, { missing: ['permissions'], ...options }),
    );
  }
  const preview =
    typeof token === 'string' ? `${token.slice(0, 48)}${token.length > 48 ? '…' : ''}` : '';
  return h(
    'div',
    { class: 'token-view' },
    kind,
    preview ? h('pre', { class: 'code', text: preview }) : null,
  );
}

/**
 * The findings as a list; an empty list says so.
 * @param {{ code: string, severity: string, message: string, fix: string }[]} findings
 * @param {string} [none]
 */
export function findingsList(
  findings,
  none = 'No findings: this token carries the permissions for this API.',
) {
  if (!findings.length)
    return h(
      'ul',
      { class: 'findings' },
      h('li', { class: 'finding ok', 'data-finding': 'none' }, h('p', { text: none })),
    );
  return h(
    'ul',
    { class: 'findings' },
    ...findings.map((finding) =>
      h(
        'li',
        { class: `finding ${finding.severity}`, 'data-finding': finding.code },
        h('span', { class: 'code', text: finding.code }),
        h('span', { class: 'severity', text: finding.severity }),
        h('p', { text: finding.message }),
        h('p', { class: 'fix' }, h('strong', { text: 'Fix: ' }), finding.fix),
      ),
    ),
  );
}
