import { errors, jwtVerify, SignJWT } from 'jose';
import type { Role } from '../deps.ts';
import { UnauthorizedError } from '../errors/api-errors.ts';

const ROLES: readonly Role[] = ['admin', 'viewer'];
const MIN_SECRET_LENGTH = 32;

/** The longest a bearer token may live (exp − iat), in seconds: 30 days. */
export const DEFAULT_MAX_TOKEN_LIFETIME_S = 30 * 86_400;
/** How far in the future a token's `iat` may be (clock skew between issuer and server), in seconds. */
export const TOKEN_CLOCK_LEEWAY_S = 60;

/** The rules a bearer token's lifetime must meet. */
export interface TokenRules {
  /** Longest accepted exp − iat (and exp − now), seconds. @default 2_592_000 (30 days) */
  maxLifetimeS?: number;
  /** Epoch ms. @default Date.now */
  now?: () => number;
}

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
  /** Refuses a longer ttl (servers refuse such tokens). @default 2_592_000 (30 days) */
  maxLifetimeS?: number;
}): Promise<string> {
  if (!ROLES.includes(options.role)) throw new TypeError('role: expected admin or viewer');
  const iat = Math.floor((options.now ?? Date.now()) / 1000);
  const ttl = parseTtl(options.ttl ?? '1h');
  const max = options.maxLifetimeS ?? DEFAULT_MAX_TOKEN_LIFETIME_S;
  if (ttl > max) throw new TypeError(`ttl: at most ${max} s (${Math.floor(max / 86_400)} days)`);
  return new SignJWT({ role: options.role })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(options.sub)
    .setIssuedAt(iat)
    .setExpirationTime(iat + ttl)
    .sign(keyOf(options.secret));
}

/**
 * A verifier that remembers tokens it has verified (bounded, per secret) until their `exp`: a client reusing its
 * token costs a map lookup and a clock read instead of an HMAC. Expiry is still checked on every use.
 */
export function createTokenVerifier(
  secret: string,
  options: TokenRules & { /** @default 1000 */ cacheSize?: number } = {},
): (token: string) => Promise<{ sub: string; role: Role; exp: number }> {
  keyOf(secret);
  const cacheSize = options.cacheSize ?? 1000;
  const now = options.now ?? Date.now;
  const cache = new Map<string, { sub: string; role: Role; expMs: number }>();
  return async (token) => {
    const hit = cache.get(token);
    if (hit) {
      if (now() < hit.expMs) return { sub: hit.sub, role: hit.role, exp: hit.expMs / 1000 };
      cache.delete(token);
      throw new UnauthorizedError('The token has expired');
    }
    const principal = await verifyToken(secret, token, { maxLifetimeS: options.maxLifetimeS, now });
    if (cache.size >= cacheSize) cache.delete(cache.keys().next().value as string);
    cache.set(token, { sub: principal.sub, role: principal.role, expMs: principal.exp * 1000 });
    return principal;
  };
}

/**
 * Verifies an HS256 JWT (only HS256; `exp` and `sub` required) and returns its principal with its `exp` (epoch s),
 * or throws UnauthorizedError. A token living longer than `maxLifetimeS` (exp − iat, or exp − now without iat) or
 * issued in the future (beyond a minute of clock skew) is refused.
 */
export async function verifyToken(
  secret: string,
  token: string,
  rules: TokenRules = {},
): Promise<{ sub: string; role: Role; exp: number }> {
  const nowS = (rules.now ?? Date.now)() / 1000;
  const max = rules.maxLifetimeS ?? DEFAULT_MAX_TOKEN_LIFETIME_S;
  try {
    const key = await verifyKeyOf(secret);
    const { payload } = await jwtVerify(token, key, {
      algorithms: ['HS256'],
      requiredClaims: ['exp', 'sub'],
      currentDate: new Date(nowS * 1000),
    });
    const role = payload['role'];
    if (typeof payload.sub !== 'string' || !ROLES.includes(role as Role))
      throw new UnauthorizedError('The token lacks a valid role claim (admin or viewer)');
    const exp = payload.exp as number;
    const iat = payload.iat;
    if (iat !== undefined && iat > nowS + TOKEN_CLOCK_LEEWAY_S)
      throw new UnauthorizedError("The token is issued in the future (iat): check the issuer's clock");
    if (exp - (iat ?? nowS) > max)
      throw new UnauthorizedError(`The token lives longer than the allowed ${max} s: issue a shorter one`);
    return { sub: payload.sub, role: role as Role, exp };
  } catch (err) {
    if (err instanceof UnauthorizedError) throw err;
    if (err instanceof errors.JWTExpired) throw new UnauthorizedError('The token has expired');
    throw new UnauthorizedError('The token is invalid');
  }
}
