import { decodeJwt } from 'jose';
import { describe, expect, it } from 'vitest';
import { AUDIENCE, CLIENT_ID, PASSWORD, tenantForFile } from '../support/tenant.js';
import { APP_ORIGIN, authorizeUrl, Browser, passwordToken, responseParams } from './helpers.js';

const tenant = tenantForFile();

const postJson = (browser: Browser, path: string, body: unknown, origin = APP_ORIGIN) =>
  browser.fetch(`${tenant.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin },
    body: JSON.stringify(body),
  });

describe('Lock endpoints', () => {
  it('serves the client settings script', async () => {
    const res = await fetch(`${tenant.url}/client/${CLIENT_ID}.js?t123`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('javascript');
    const text = await res.text();
    const settings = JSON.parse(/^Auth0\.setClient\((.*)\);\n$/s.exec(text)?.[1] ?? '{}');
    expect(settings).toMatchObject({
      id: CLIENT_ID,
      strategies: [{ name: 'auth0', connections: [{ name: 'Username-Password-Authentication' }] }],
    });
    expect((await fetch(`${tenant.url}/client/unknown.js`)).status).toBe(404);
  });

  it('serves the language dictionary Lock fetches even for English', async () => {
    const res = await fetch(`${tenant.url}/js/lock/14.3.0/en.js`);
    const text = await res.text();
    const match = /^Auth0\.registerLanguageDictionary\("en", (.*)\);\n$/s.exec(text);
    expect(JSON.parse(match?.[1] ?? 'null')).toMatchObject({ error: expect.any(Object) });
    expect((await fetch(`${tenant.url}/js/lock/14.3.0/fr.js`)).status).toBe(200);
    expect((await fetch(`${tenant.url}/js/lock/14.3.0/..%2Fx.js`)).status).toBe(404);
  });

  it('logs in with /co/authenticate and a full-page /authorize?login_ticket', async () => {
    const browser = new Browser();
    const preflight = await browser.fetch(`${tenant.url}/co/authenticate`, {
      method: 'OPTIONS',
      headers: { origin: APP_ORIGIN, 'access-control-request-method': 'POST' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-headers')).toBe(
      'content-type, auth0-client, authorization',
    );

    const co = await postJson(browser, '/co/authenticate', {
      client_id: CLIENT_ID,
      username: 'viewer@example.com',
      password: PASSWORD,
      realm: 'Username-Password-Authentication',
      credential_type: 'http://auth0.com/oauth/grant-type/password-realm',
    });
    expect(co.status).toBe(200);
    expect(co.headers.get('access-control-allow-credentials')).toBe('true');
    const ticket = await co.json();
    expect(ticket).toEqual({
      login_ticket: expect.any(String),
      co_verifier: expect.any(String),
      co_id: expect.any(String),
    });

    const params = {
      response_type: 'token id_token',
      audience: AUDIENCE,
      login_ticket: ticket.login_ticket,
      realm: 'Username-Password-Authentication',
    };
    const res = await browser.fetch(authorizeUrl(tenant, params));
    expect(res.status).toBe(302);
    const answer = await responseParams(res);
    expect(answer).toMatchObject({ token_type: 'Bearer', state: 'state-123' });
    expect(decodeJwt(answer.access_token ?? '').permissions).toEqual(['read:reports']);
    expect(decodeJwt(answer.id_token ?? '').nonce).toBe('nonce-456');

    const reused = await browser.fetch(authorizeUrl(tenant, params));
    expect(await responseParams(reused)).toMatchObject({ error: 'access_denied' });

    const checkSession = await browser.fetch(
      authorizeUrl(tenant, {
        response_type: 'token id_token',
        response_mode: 'web_message',
        prompt: 'none',
        audience: AUDIENCE,
      }),
    );
    expect((await responseParams(checkSession)).access_token).toEqual(expect.any(String));
  });

  it('refuses wrong credentials and foreign origins', async () => {
    const browser = new Browser();
    const wrong = await postJson(browser, '/co/authenticate', {
      client_id: CLIENT_ID,
      username: 'viewer@example.com',
      password: 'nope',
    });
    expect(wrong.status).toBe(403);
    expect(await wrong.json()).toEqual({
      error: 'access_denied',
      error_description: 'Wrong email or password.',
    });
    const foreign = await postJson(
      browser,
      '/co/authenticate',
      { client_id: CLIENT_ID, username: 'viewer@example.com', password: PASSWORD },
      'https://evil.example.com',
    );
    expect(foreign.status).toBe(403);
    expect(foreign.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('signs up a user without roles', async () => {
    const browser = new Browser();
    const body = {
      client_id: CLIENT_ID,
      email: 'new@example.com',
      password: 'pw',
      connection: 'Username-Password-Authentication',
    };
    const res = await postJson(browser, '/dbconnections/signup', body);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ email: 'new@example.com', email_verified: false });
    const token = await passwordToken(tenant, 'new@example.com', { password: 'pw' });
    expect(decodeJwt(token.body.access_token).permissions).toEqual([]);
    const again = await postJson(browser, '/dbconnections/signup', body);
    expect(again.status).toBe(400);
    expect(await again.json()).toMatchObject({ code: 'user_exists', error: 'user_exists' });
  });
});
