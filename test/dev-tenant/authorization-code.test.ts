import { decodeJwt } from 'jose';
import { describe, expect, it } from 'vitest';
import { AUDIENCE, CLIENT_ID, PASSWORD, tenantForFile } from '../support/tenant.js';
import {
  APP_ORIGIN,
  authorizeUrl,
  Browser,
  codeFlow,
  login,
  openLoginPage,
  pkce,
  postToken,
  REDIRECT_URI,
  responseParams,
} from './helpers.js';

const tenant = tenantForFile();

describe('authorization code + PKCE, by hand', () => {
  it('logs in through the login page and exchanges the code once', async () => {
    const browser = new Browser();
    const { verifier, challenge } = pkce();
    const { tx, html } = await openLoginPage(
      browser,
      authorizeUrl(tenant, {
        audience: AUDIENCE,
        code_challenge: challenge,
        code_challenge_method: 'S256',
      }),
    );
    expect(html).toContain('not Auth0');
    expect(html).toContain('data-user="admin@example.com"');

    const res = await browser.postForm(`${tenant.url}/u/login`, {
      tx,
      email: 'editor@example.com',
      password: PASSWORD,
    });
    expect(res.status).toBe(302);
    const location = new URL(res.headers.get('location') ?? '');
    expect(`${location.origin}${location.pathname}`).toBe(REDIRECT_URI);
    expect(location.searchParams.get('state')).toBe('state-123');
    const code = location.searchParams.get('code') ?? '';

    const exchange = {
      grant_type: 'authorization_code',
      client_id: CLIENT_ID,
      code,
      code_verifier: verifier,
      redirect_uri: REDIRECT_URI,
    };
    const first = await postToken(tenant, exchange);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ token_type: 'Bearer', expires_in: 86400 });
    expect(first.body.scope).toBe('openid profile email');
    expect(first.body.refresh_token).toBeUndefined();
    expect(first.headers.get('access-control-allow-origin')).toBe(APP_ORIGIN);
    expect(first.headers.get('access-control-allow-credentials')).toBe('true');
    const id = decodeJwt(first.body.id_token);
    expect(id).toMatchObject({
      iss: `${tenant.url}/`,
      aud: CLIENT_ID,
      nonce: 'nonce-456',
      email: 'editor@example.com',
      name: 'Eddie Editor',
    });
    expect(id.permissions).toBeUndefined();
    expect(decodeJwt(first.body.access_token).permissions).toEqual([
      'create:reports',
      'read:reports',
    ]);

    const again = await postToken(tenant, exchange);
    expect(again.status).toBe(403);
    expect(again.body).toMatchObject({ error: 'invalid_grant' });
  });

  it('accepts a JSON body as well as a form', async () => {
    const browser = new Browser();
    const { verifier, challenge } = pkce();
    const res = await login(tenant, browser, 'viewer@example.com', {
      code_challenge: challenge,
      code_challenge_method: 'S256',
    });
    const { code = '' } = await responseParams(res);
    const token = await postToken(
      tenant,
      {
        grant_type: 'authorization_code',
        client_id: CLIENT_ID,
        code,
        code_verifier: verifier,
        redirect_uri: REDIRECT_URI,
      },
      true,
    );
    expect(token.status).toBe(200);
  });

  it('refuses a wrong code_verifier and a different redirect_uri', async () => {
    for (const change of [
      { code_verifier: pkce().verifier },
      { redirect_uri: `${APP_ORIGIN}/other` },
    ]) {
      const browser = new Browser();
      const { verifier, challenge } = pkce();
      const res = await login(tenant, browser, 'viewer@example.com', {
        code_challenge: challenge,
        code_challenge_method: 'S256',
      });
      const { code = '' } = await responseParams(res);
      const token = await postToken(tenant, {
        grant_type: 'authorization_code',
        client_id: CLIENT_ID,
        code,
        code_verifier: verifier,
        redirect_uri: REDIRECT_URI,
        ...change,
      });
      expect(token.status).toBe(403);
      expect(token.body).toMatchObject({ error: 'invalid_grant' });
    }
  });

  it('re-renders the login page on a wrong password', async () => {
    const browser = new Browser();
    const { tx } = await openLoginPage(browser, authorizeUrl(tenant, {}));
    const res = await browser.postForm(`${tenant.url}/u/login`, {
      tx,
      email: 'admin@example.com',
      password: 'nope',
    });
    expect(res.status).toBe(401);
    expect(await res.text()).toContain('Wrong email or password.');
  });

  it('returns access_denied when the user cancels', async () => {
    const browser = new Browser();
    const { tx } = await openLoginPage(browser, authorizeUrl(tenant, {}));
    const res = await browser.postForm(`${tenant.url}/u/login`, { tx, cancel: '1' });
    expect(await responseParams(res)).toMatchObject({ error: 'access_denied', state: 'state-123' });
  });
});

describe('sessions and prompt=none', () => {
  it('answers login_required without a session, and at once with one', async () => {
    const browser = new Browser();
    const silent = { prompt: 'none', response_mode: 'web_message', audience: AUDIENCE };
    const before = await browser.fetch(authorizeUrl(tenant, silent));
    expect(before.status).toBe(200);
    const html = await before.text();
    expect(html).toContain('"authorization_response"');
    expect(html).toContain(JSON.stringify(APP_ORIGIN));
    expect(JSON.parse(/response: (\{.*\}) \};/.exec(html)?.[1] ?? '{}')).toEqual({
      error: 'login_required',
      error_description: 'Login required',
      state: 'state-123',
    });

    await codeFlow(tenant, 'admin@example.com', {}, browser);
    const after = await browser.fetch(authorizeUrl(tenant, silent));
    const answer = await responseParams(after);
    expect(answer.code).toBeTruthy();
    expect(answer.state).toBe('state-123');
  });

  it('logs out: clears the session and redirects to an allowed returnTo only', async () => {
    const browser = new Browser();
    await codeFlow(tenant, 'admin@example.com', {}, browser);
    const bad = await browser.fetch(
      `${tenant.url}/v2/logout?client_id=${CLIENT_ID}&returnTo=${encodeURIComponent('https://evil.example.com/')}`,
    );
    expect(bad.status).toBe(400);
    await codeFlow(tenant, 'admin@example.com', {}, browser);
    const res = await browser.fetch(
      `${tenant.url}/v2/logout?client_id=${CLIENT_ID}&returnTo=${encodeURIComponent(APP_ORIGIN)}`,
    );
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe(APP_ORIGIN);
    const silent = await browser.fetch(
      authorizeUrl(tenant, { prompt: 'none', response_mode: 'query' }),
    );
    expect(await responseParams(silent)).toMatchObject({ error: 'login_required' });
  });

  it('answers consent_required when the application asks for consent', async () => {
    await tenant.admin.setApplication(CLIENT_ID, { requireConsent: true });
    const browser = new Browser();
    await codeFlow(tenant, 'viewer@example.com', {}, browser);
    const silent = await browser.fetch(
      authorizeUrl(tenant, { prompt: 'none', response_mode: 'web_message', audience: AUDIENCE }),
    );
    expect(await responseParams(silent)).toMatchObject({ error: 'consent_required' });
    await codeFlow(tenant, 'viewer@example.com', { audience: AUDIENCE }, browser);
    const consented = await browser.fetch(
      authorizeUrl(tenant, { prompt: 'none', response_mode: 'web_message', audience: AUDIENCE }),
    );
    expect((await responseParams(consented)).code).toBeTruthy();
  });
});

describe('response types and modes', () => {
  it('answers token id_token in the fragment with a verified at_hash', async () => {
    const res = await login(tenant, new Browser(), 'admin@example.com', {
      response_type: 'token id_token',
      audience: AUDIENCE,
    });
    expect(res.status).toBe(302);
    const location = new URL(res.headers.get('location') ?? '');
    expect(location.search).toBe('');
    const answer = await responseParams(res);
    expect(answer).toMatchObject({ token_type: 'Bearer', expires_in: '86400', state: 'state-123' });
    expect(decodeJwt(answer.access_token ?? '').aud).toEqual([AUDIENCE, `${tenant.url}/userinfo`]);
    expect(decodeJwt(answer.id_token ?? '').at_hash).toEqual(expect.any(String));
  });

  it('answers id_token alone, and refuses it without a nonce', async () => {
    const ok = await responseParams(
      await login(tenant, new Browser(), 'admin@example.com', { response_type: 'id_token' }),
    );
    expect(ok.id_token).toBeTruthy();
    expect(ok.access_token).toBeUndefined();
    const url = new URL(authorizeUrl(tenant, { response_type: 'id_token' }));
    url.searchParams.delete('nonce');
    const res = await new Browser().fetch(url.href);
    expect(await responseParams(res)).toMatchObject({ error: 'invalid_request' });
  });

  it('answers token alone', async () => {
    const answer = await responseParams(
      await login(tenant, new Browser(), 'admin@example.com', {
        response_type: 'token',
        audience: AUDIENCE,
      }),
    );
    expect(answer.access_token).toBeTruthy();
    expect(answer.id_token).toBeUndefined();
  });

  it('answers through form_post', async () => {
    const res = await login(tenant, new Browser(), 'admin@example.com', {
      response_mode: 'form_post',
    });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain(`action="${REDIRECT_URI}"`);
    expect(html).toMatch(/name="code" value="[^"]+"/);
  });

  it('redirects errors: unknown audience, unsupported response type', async () => {
    const browser = new Browser();
    const unknown = await browser.fetch(
      authorizeUrl(tenant, { audience: 'https://typo.example.com' }),
    );
    expect(await responseParams(unknown)).toEqual({
      error: 'access_denied',
      error_description: 'Service not found: https://typo.example.com',
      state: 'state-123',
    });
    const odd = await browser.fetch(authorizeUrl(tenant, { response_type: 'code token' }));
    expect(await responseParams(odd)).toMatchObject({ error: 'unsupported_response_type' });
  });

  it('shows an error page, never a redirect, for an unknown client or callback', async () => {
    const browser = new Browser();
    const client = await browser.fetch(authorizeUrl(tenant, { client_id: 'nope' }));
    expect(client.status).toBe(400);
    expect(client.headers.get('location')).toBeNull();
    const callback = await browser.fetch(
      authorizeUrl(tenant, { redirect_uri: 'https://evil.example.com/cb' }),
    );
    expect(callback.status).toBe(400);
    expect(await callback.text()).toContain('Callback URL mismatch');
  });
});
