import { createHash, randomBytes } from 'node:crypto';
import { AUDIENCE, CLIENT_ID, type DevTenant, PASSWORD } from '../support/tenant.js';

/** The stand-in's protocol, by hand (no SDK): login page, code flow, token endpoint. */

export const APP_ORIGIN = 'http://localhost:5173';
export const REDIRECT_URI = `${APP_ORIGIN}/callback`;

export type TokenResponse = {
  access_token: string;
  id_token?: string;
  refresh_token?: string;
  scope: string;
  expires_in: number;
  token_type: string;
};

/** A token-endpoint answer: the fields of a success or of an error (absent ones are undefined). */
export type TokenBody = TokenResponse & {
  id_token: string;
  refresh_token: string;
  error: string;
  error_description: string;
};

export function pkce() {
  const verifier = randomBytes(32).toString('base64url');
  const challenge = createHash('sha256').update(verifier).digest('base64url');
  return { verifier, challenge };
}

/** A tiny cookie-keeping client that never follows redirects. */
export class Browser {
  cookies = new Map<string, string>();

  async fetch(url: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.cookies.size > 0) {
      headers.set('cookie', [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '));
    }
    const res = await fetch(url, { ...init, headers, redirect: 'manual' });
    for (const line of res.headers.getSetCookie()) {
      const [pair = '', ...attributes] = line.split(';');
      const index = pair.indexOf('=');
      const name = pair.slice(0, index).trim();
      const value = pair.slice(index + 1).trim();
      if (attributes.some((a) => /max-age=0/i.test(a.trim())) || value === '') {
        this.cookies.delete(name);
      } else {
        this.cookies.set(name, value);
      }
    }
    return res;
  }

  postForm(url: string, fields: Record<string, string>, headers: Record<string, string> = {}) {
    return this.fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
      body: new URLSearchParams(fields).toString(),
    });
  }
}

export function authorizeUrl(tenant: DevTenant, params: Record<string, string>) {
  const url = new URL(`${tenant.url}/authorize`);
  const defaults = {
    client_id: CLIENT_ID,
    redirect_uri: REDIRECT_URI,
    response_type: 'code',
    scope: 'openid profile email',
    state: 'state-123',
    nonce: 'nonce-456',
  };
  for (const [k, v] of Object.entries({ ...defaults, ...params })) url.searchParams.set(k, v);
  return url.href;
}

/** Opens /authorize, expects the login page, and returns its transaction id. */
export async function openLoginPage(browser: Browser, url: string) {
  const res = await browser.fetch(url);
  const html = await res.text();
  if (res.status !== 200) throw new Error(`expected the login page, got ${res.status}: ${html}`);
  const tx = /name="tx" value="([^"]+)"/.exec(html)?.[1];
  if (!tx) throw new Error('no tx on the login page');
  return { tx, html };
}

/** The parameters an /authorize answer carries (query, fragment or web_message page). */
export async function responseParams(res: Response): Promise<Record<string, string>> {
  const location = res.headers.get('location');
  if (location) {
    const url = new URL(location);
    const fields = url.hash ? new URLSearchParams(url.hash.slice(1)) : url.searchParams;
    return Object.fromEntries(fields);
  }
  const html = await res.text();
  const match = /response: (\{.*\}) \};/.exec(html);
  if (match?.[1]) return JSON.parse(match[1]);
  const inputs = [...html.matchAll(/name="([^"]+)" value="([^"]*)"/g)];
  return Object.fromEntries(inputs.map((m) => [m[1], m[2]]));
}

/** Logs a fixture user in through the login page; returns what /authorize answered. */
export async function login(
  tenant: DevTenant,
  browser: Browser,
  email: string,
  params: Record<string, string> = {},
) {
  const { tx } = await openLoginPage(browser, authorizeUrl(tenant, params));
  const res = await browser.postForm(`${tenant.url}/u/login`, { tx, user: email });
  return res;
}

/** The whole authorization-code + PKCE flow, by hand. */
export async function codeFlow(
  tenant: DevTenant,
  email: string,
  params: Record<string, string> = {},
  browser = new Browser(),
) {
  const { verifier, challenge } = pkce();
  const res = await login(tenant, browser, email, {
    code_challenge: challenge,
    code_challenge_method: 'S256',
    ...params,
  });
  const answer = await responseParams(res);
  if (!answer.code) throw new Error(`no code: ${JSON.stringify(answer)}`);
  const token = await postToken(tenant, {
    grant_type: 'authorization_code',
    client_id: CLIENT_ID,
    code: answer.code,
    code_verifier: verifier,
    redirect_uri: params.redirect_uri ?? REDIRECT_URI,
  });
  if (token.status !== 200) throw new Error(`token: ${token.status} ${JSON.stringify(token.body)}`);
  return { tokens: token.body as TokenResponse, browser };
}

export async function postToken(
  tenant: DevTenant,
  fields: Record<string, string>,
  json = false,
): Promise<{ status: number; body: TokenBody; headers: Headers }> {
  const res = await fetch(`${tenant.url}/oauth/token`, {
    method: 'POST',
    headers: {
      'content-type': json ? 'application/json' : 'application/x-www-form-urlencoded',
      origin: APP_ORIGIN,
      'auth0-client': 'eyJuYW1lIjoidGVzdCJ9',
    },
    body: json ? JSON.stringify(fields) : new URLSearchParams(fields).toString(),
  });
  return { status: res.status, body: await res.json(), headers: res.headers };
}

/** The resource-owner password grant: a token in one request. */
export async function passwordToken(
  tenant: DevTenant,
  email: string,
  fields: Record<string, string> = {},
) {
  return postToken(tenant, {
    grant_type: 'password',
    client_id: CLIENT_ID,
    username: email,
    password: PASSWORD,
    audience: AUDIENCE,
    scope: 'openid profile email',
    ...fields,
  });
}
