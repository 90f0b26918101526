import { hmacSha256, randomHex } from '@cts/core';
import { jwtVerify, SignJWT } from 'jose';
import type { AdminPrincipal, AdminRole } from '../options.ts';
import { ADMIN_ROLES } from '../options.ts';

/** A signed-in session: who, their role, the CSRF token every form must echo, and when it ends (epoch s). */
export interface AdminSession extends AdminPrincipal {
  csrf: string;
  exp: number;
}

const AUDIENCE = 'cts-admin-session';

/**
 * Session cookies as HS256 JWTs under a key derived from the configured secret (HMAC(secret, label)), so a
 * session cookie is never accepted as an API token and an API token is never accepted as a session.
 */
export class SessionCodec {
  readonly #key: Uint8Array;
  readonly #ttlMs: number;
  readonly #now: () => number;

  constructor(options: { key: Uint8Array; ttlMs: number; now: () => number }) {
    this.#key = options.key;
    this.#ttlMs = options.ttlMs;
    this.#now = options.now;
  }

  /** Derives the session key from a secret (CTS_JWT_SECRET or a dedicated session secret). */
  static async fromSecret(
    secret: string,
    options: { ttlMs: number; now: () => number },
  ): Promise<SessionCodec> {
    const key = await hmacSha256(secret, 'cts-admin-session-key-v1');
    return new SessionCodec({ key, ...options });
  }

  /** Issues a session for the principal, with a fresh CSRF token. */
  async issue(principal: AdminPrincipal): Promise<{ token: string; session: AdminSession; maxAgeS: number }> {
    const nowS = Math.floor(this.#now() / 1000);
    const maxAgeS = Math.floor(this.#ttlMs / 1000);
    const session: AdminSession = { ...principal, csrf: randomHex(32), exp: nowS + maxAgeS };
    const token = await new SignJWT({ role: session.role, csrf: session.csrf })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(session.sub)
      .setAudience(AUDIENCE)
      .setIssuedAt(nowS)
      .setExpirationTime(session.exp)
      .sign(this.#key);
    return { token, session, maxAgeS };
  }

  /** The session in a cookie value, or null when it is missing, forged, expired or malformed. */
  async read(token: string | undefined): Promise<AdminSession | null> {
    if (!token) return null;
    try {
      const { payload } = await jwtVerify(token, this.#key, {
        algorithms: ['HS256'],
        audience: AUDIENCE,
        currentDate: new Date(this.#now()),
      });
      const role = payload['role'];
      const csrf = payload['csrf'];
      if (typeof payload.sub !== 'string' || typeof csrf !== 'string' || typeof payload.exp !== 'number')
        return null;
      if (!(ADMIN_ROLES as readonly unknown[]).includes(role)) return null;
      return { sub: payload.sub, role: role as AdminRole, csrf, exp: payload.exp };
    } catch {
      return null;
    }
  }
}
