import { errors, jwtVerify, SignJWT } from 'jose';
import type { Role } from '../deps.ts';
import { UnauthorizedError } from '../errors/api-errors.ts';

const ROLES: readonly Role[] = ['admin', 'viewer'];
const MIN_SECRET_LENGTH = 32;

function keyOf(secret: string): Uint8Array {
  if (typeof secret !== 'string' || secret.length < MIN_SECRET_LENGTH)
    throw new TypeError(`jwtSecret: expected a string of at least ${MIN_SECRET_LENGTH} characters`);
  return new TextEncoder().encode(secret);
}

/** Imported HMAC keys by secret, so that verifying a token does not import the key again (a few per process). */
const verifyKeys = new Map<string, Promise<CryptoKey>>();

function verifyKeyOf(secret: string): Promise<CryptoKey> {
  let key = verifyKeys.get(secret);
  if (!key) {
    key = crypto.subtle.importKey(
      'raw',
      keyOf(secret) as Uint8Array<ArrayBuffer>,
      { name: 'HMAC', hash: 'SHA-256' },
      false,
      ['verify'],
    );
    if (verifyKeys.size > 16) verifyKeys.clear();
    verifyKeys.set(secret, key);
  }
  return key;
}

/** Parses a TTL such as `90s`, `15m`, `1h`, `7d` (or plain seconds) into seconds. */
export function parseTtl(ttl: string | number): number {
  if (typeof ttl === 'number') return ttl;
  const match = /^(\d+)\s*([smhd]?)$/.exec(ttl.trim());
  if (!match) throw new TypeError(`ttl: expected a duration like 30m, 1h or 7d, got ${JSON.stringify(ttl)}`);
  const unit = { '': 1, s: 1, m: 60, h: 3600, d: 86400 }[match[2] as '' | 's' | 'm' | 'h' | 'd'];
  const seconds = Number(match[1]) * unit;
  if (seconds <= 0) throw new TypeError('ttl: must be positive');
  return seconds;
}

/**
 * Signs an HS256 JWT with claims sub, role, iat, exp.
 * @example await issueToken({ secret, sub: 'ops', role: 'admin', ttl: '1h' })
 */
export async function issueToken(options: {
  secret: string;
  sub: string;
  role: Role;
  /** @default '1h' */
  ttl?: string | number;
  /** Epoch ms. @default Date.now() */
  now?: number;
}): Promise<string> {
  if (!ROLES.includes(options.role)) throw new TypeError('role: expected admin or viewer');
  const iat = Math.floor((options.now ?? Date.now()) / 1000);
  return new SignJWT({ role: options.role })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(options.sub)
    .setIssuedAt(iat)
    .setExpirationTime(iat + parseTtl(options.ttl ?? '1h'))
    .sign(keyOf(options.secret));
}

/**
 * A verifier that remembers tokens it has verified (bounded, per secret) until their `exp`: a client reusing its
 * token costs a map lookup and a clock read instead of an HMAC. Expiry is still checked on every use.
 */
export function createTokenVerifier(
  secret: string,
  options: { /** @default 1000 */ cacheSize?: number /** @default Date.now */; now?: () => number } = {},
): (token: string) => Promise<{ sub: string; role: Role }> {
  keyOf(secret);
  const cacheSize = options.cacheSize ?? 1000;
  const now = options.now ?? Date.now;
  const cache = new Map<string, { sub: string; role: Role; expMs: number }>();
  return async (token) => {
    const hit = cache.get(token);
    if (hit) {
      if (now() < hit.expMs) return { sub: hit.sub, role: hit.role };
      cache.delete(token);
      throw new UnauthorizedError('The token has expired');
    }
    const principal = await verifyToken(secret, token);
    const exp = decodeExp(token);
    if (exp !== undefined) {
      if (cache.size >= cacheSize) cache.delete(cache.keys().next().value as string);
      cache.set(token, { ...principal, expMs: exp * 1000 });
    }
    return principal;
  };
}

function decodeExp(token: string): number | undefined {
  try {
    const payload = JSON.parse(atob(token.split('.')[1]!.replace(/-/g, '+').replace(/_/g, '/'))) as {
      exp?: unknown;
    };
    return typeof payload.exp === 'number' ? payload.exp : undefined;
  } catch {
    return undefined;
  }
}

/** Verifies an HS256 JWT (only HS256; exp required) and returns its principal, or throws UnauthorizedError. */
export async function verifyToken(secret: string, token: string): Promise<{ sub: string; role: Role }> {
  try {
    const key = await verifyKeyOf(secret);
    const { payload } = await jwtVerify(token, key, {
      algorithms: ['HS256'],
      requiredClaims: ['exp', 'sub'],
    });
    const role = payload['role'];
    if (typeof payload.sub !== 'string' || !ROLES.includes(role as Role))
      throw new UnauthorizedError('The token lacks a valid role claim (admin or viewer)');
    return { sub: payload.sub, role: role as Role };
  } catch (err) {
    if (err instanceof UnauthorizedError) throw err;
    if (err instanceof errors.JWTExpired) throw new UnauthorizedError('The token has expired');
    throw new UnauthorizedError('The token is invalid');
  }
}
