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

/** Verifies an HS256 JWT (only HS256; exp required) and returns its principal, or throws UnauthorizedError. */
export async function verifyToken(secret: string, token: string): Promise<{ sub: string; role: Role }> {
  try {
    const { payload } = await jwtVerify(token, keyOf(secret), {
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
