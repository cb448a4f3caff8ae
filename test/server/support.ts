// A tiny JWKS server with jose-generated keys, for crafted tokens: the keys it serves can be
// rotated, it counts its fetches, and it can go down.
import { createServer, type Server } from 'node:http';
import { CompactSign, exportJWK, generateKeyPair, type JWTPayload, SignJWT } from 'jose';

export const AUDIENCE = 'https://reports.example.com';

export interface SigningKey {
  kid: string;
  privateKey: CryptoKey;
  publicJwk: Record<string, unknown>;
}

export async function makeKey(kid: string): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
  return {
    kid,
    privateKey,
    publicJwk: { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' },
  };
}

export interface JwksServer {
  issuer: string;
  /** The keys served now. */
  keys: SigningKey[];
  /** How many times the key set was fetched. */
  fetches: number;
  /** 'up', 'error' (HTTP 500) or 'down' (connection reset). */
  mode: 'up' | 'error' | 'down';
  close(): Promise<void>;
}

export async function startJwks(keys: SigningKey[]): Promise<JwksServer> {
  const state = { keys, fetches: 0, mode: 'up' } as JwksServer;
  const server: Server = createServer((req, res) => {
    if (req.url !== '/.well-known/jwks.json') return void res.writeHead(404).end();
    state.fetches++;
    if (state.mode === 'down') return void req.socket.destroy();
    if (state.mode === 'error') return void res.writeHead(500).end('oops');
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ keys: state.keys.map((k) => k.publicJwk) }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.issuer = `http://localhost:${(server.address() as { port: number }).port}/`;
  state.close = () => new Promise((resolve) => server.close(() => resolve()));
  return state;
}

/** The claims of a signed access token; `claims` override the defaults (undefined removes one). */
function payloadOf(issuer: string, claims: Record<string, unknown>): JWTPayload {
  const now = Math.floor(Date.now() / 1000);
  const payload: JWTPayload = {
    iss: issuer,
    sub: 'auth0|viewer',
    aud: [AUDIENCE, `${issuer}userinfo`],
    iat: now,
    exp: now + 600,
    scope: 'openid profile email',
    permissions: ['read:reports'],
    ...claims,
  };
  for (const name of Object.keys(payload)) if (payload[name] === undefined) delete payload[name];
  return payload;
}

/** A signed access token; `claims` override the defaults (undefined removes one). */
export function sign(
  key: SigningKey,
  issuer: string,
  claims: Record<string, unknown> = {},
  header: Record<string, unknown> = {},
): Promise<string> {
  return new SignJWT(payloadOf(issuer, claims))
    .setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid: key.kid, ...header })
    .sign(key.privateKey);
}

/**
 * A signed access token whose JSON ends with `json` as written, e.g. `"exp":1e400` (which
 * parses to Infinity): jose's SignJWT refuses a time claim that is not finite, a JWS over the
 * text does not. Name the claims `json` sets in `claims` as undefined so they appear once.
 */
export function signText(
  key: Pick<SigningKey, 'kid' | 'privateKey'>,
  issuer: string,
  json: string,
  claims: Record<string, unknown> = {},
): Promise<string> {
  const text = `${JSON.stringify(payloadOf(issuer, claims)).slice(0, -1)},${json}}`;
  return new CompactSign(new TextEncoder().encode(text))
    .setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid: key.kid })
    .sign(key.privateKey);
}

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** A JWT with any header and payload and the given signature bytes (nothing is checked). */
export const unsigned = (header: object, payload: object, signature = '') =>
  `${b64(header)}.${b64(payload)}.${signature}`;
