import { describe, expect, it } from 'vitest';
import { inspectToken } from '../src/token.js';
import { b64url } from './support/tokens.js';

const jwt = (header: unknown, claims: unknown, signature = 'sig') =>
  `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(claims))}.${signature}`;

describe('inspectToken', () => {
  it('decodes a JWT header and claims without verifying it', () => {
    const token = jwt({ alg: 'RS256', typ: 'JWT', kid: 'k1' }, { permissions: ['read:reports'] });
    expect(inspectToken(token)).toMatchObject({
      kind: 'jwt',
      header: { alg: 'RS256', kid: 'k1' },
      claims: { permissions: ['read:reports'] },
      size: token.length,
    });
  });

  it('decodes base64url payloads holding UTF-8 names', () => {
    const token = jwt(
      { alg: 'RS256' },
      { name: 'Zoë Ünal 日本', permissions: ['lire:rapports·été'] },
    );
    expect(inspectToken(token)).toMatchObject({
      kind: 'jwt',
      claims: { name: 'Zoë Ünal 日本', permissions: ['lire:rapports·été'] },
    });
  });

  it('calls a token with no dots opaque (Auth0 without an audience)', () => {
    expect(inspectToken('uTQd1HbQ0QZpX0TpW3TnUeQlVv5yR9m1')).toEqual({ kind: 'opaque', size: 32 });
  });

  it('calls a five-part token encrypted and reads its header', () => {
    const token = `${b64url('{"alg":"dir","enc":"A256GCM","iss":"https://t.auth0.com/"}')}..iv.cipher.tag`;
    expect(inspectToken(token)).toMatchObject({
      kind: 'encrypted',
      header: { alg: 'dir', enc: 'A256GCM' },
    });
  });

  it.each([
    ['a JSON payload that is not an object', jwt({ alg: 'RS256' }, [1, 2])],
    ['a JSON payload that is a number', jwt({ alg: 'RS256' }, 42)],
    ['a JSON payload that is null', jwt({ alg: 'RS256' }, null)],
    ['a payload that is not JSON', `${b64url('{"alg":"RS256"}')}.${b64url('not json')}.x`],
    ['a header that is not JSON', `${b64url('nope')}.${b64url('{}')}.x`],
    ['two parts', 'aaa.bbb'],
    ['four parts', 'a.b.c.d'],
    ['whitespace inside', 'abc def'],
  ])('calls %s malformed, without throwing', (_name, token) => {
    expect(inspectToken(token).kind).toBe('malformed');
  });

  it.each([undefined, null, '', '   ', 42, {}, ['a.b.c']])('calls %j no token', (value) => {
    expect(inspectToken(value)).toEqual({ kind: 'none', size: 0 });
  });

  it('handles a 64 KB token', () => {
    const token = jwt(
      { alg: 'RS256' },
      { permissions: Array.from({ length: 5000 }, (_, i) => `p:${i}`) },
    );
    expect(token.length).toBeGreaterThan(40_000);
    const info = inspectToken(`${token}${'x'.repeat(65_536 - token.length)}`);
    expect(info.kind).toBe('jwt');
    expect(info.size).toBe(65_536);
  });
});
