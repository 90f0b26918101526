import { hmacSha256, randomHex } from '@cts/core';
import { isSessionLive, type SessionStore } from '@cts/core/storage';
import { jwtVerify, SignJWT } from 'jose';
import type { AdminPrincipal, AdminRole } from '../options.ts';
import { ADMIN_ROLES } from '../options.ts';

/** A signed-in session: who, their role, the CSRF token every form must echo, and when it ends (epoch s). */
export interface AdminSession extends AdminPrincipal {
  csrf: string;
  exp: number;
  /** The stored session's id (SessionStore): revoking it ends the session wherever the cookie went. */
  sid: string;
}

const AUDIENCE = 'cts-admin-session';

/**
 * Session cookies as HS256 JWTs under a key derived from the configured secret (HMAC(secret, label)), so a
 * session cookie is never accepted as an API token and an API token is never accepted as a session. Each cookie
 * names a stored session (`sid`): it is honoured only while that record is live, so sign-out (or an administrator)
 * revokes it server-side, and it never outlives the token that opened it.
 */
export class SessionCodec {
  readonly #key: Uint8Array;
  readonly #ttlMs: number;
  readonly #now: () => number;
  readonly #store: SessionStore;

  constructor(options: { key: Uint8Array; ttlMs: number; now: () => number; store: SessionStore }) {
    this.#key = options.key;
    this.#ttlMs = options.ttlMs;
    this.#now = options.now;
    this.#store = options.store;
  }

  /** Derives the session key from a secret (CTS_JWT_SECRET or a dedicated session secret). */
  static async fromSecret(
    secret: string,
    options: { ttlMs: number; now: () => number; store: SessionStore },
  ): Promise<SessionCodec> {
    const key = await hmacSha256(secret, 'cts-admin-session-key-v1');
    return new SessionCodec({ key, ...options });
  }

  /**
   * Stores and issues a session for the principal, with a fresh CSRF token. It ends after the configured lifetime,
   * or when the principal's token expires (`principal.exp`, epoch s) if that comes first.
   */
  async issue(
    principal: AdminPrincipal,
    method: 'token' | 'password' = 'token',
  ): Promise<{ token: string; session: AdminSession; maxAgeS: number }> {
    const nowMs = this.#now();
    const nowS = Math.floor(nowMs / 1000);
    const exp = Math.min(nowS + Math.floor(this.#ttlMs / 1000), principal.exp ?? Number.POSITIVE_INFINITY);
    if (exp <= nowS) throw new TypeError('principal.exp: the token has already expired');
    const sid = randomHex(16);
    const session: AdminSession = { sub: principal.sub, role: principal.role, csrf: randomHex(32), exp, sid };
    // Sign-ins are rare: each one also clears sessions that ended more than a day ago.
    await this.#store.deleteExpired(nowMs - 86_400_000);
    await this.#store.create({
      id: sid,
      sub: session.sub,
      role: session.role,
      method,
      createdAt: nowMs,
      expiresAt: exp * 1000,
      revokedAt: null,
    });
    const token = await new SignJWT({ role: session.role, csrf: session.csrf, sid })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(session.sub)
      .setAudience(AUDIENCE)
      .setIssuedAt(nowS)
      .setExpirationTime(session.exp)
      .sign(this.#key);
    return { token, session, maxAgeS: exp - nowS };
  }

  /** The session in a cookie value, or null when it is missing, forged, expired, revoked or malformed. */
  async read(token: string | undefined): Promise<AdminSession | null> {
    const session = await this.#verify(token);
    if (!session) return null;
    const stored = await this.#store.get(session.sid);
    if (!isSessionLive(stored, this.#now()) || stored.sub !== session.sub) return null;
    return session;
  }

  /** Revokes the session a cookie names (sign-out); false when it was not a live session. */
  async revoke(token: string | undefined): Promise<boolean> {
    const session = await this.#verify(token);
    return session ? this.#store.revoke(session.sid, this.#now()) : false;
  }

  async #verify(token: string | undefined): Promise<AdminSession | null> {
    if (!token) return null;
    try {
      const { payload } = await jwtVerify(token, this.#key, {
        algorithms: ['HS256'],
        audience: AUDIENCE,
        currentDate: new Date(this.#now()),
      });
      const role = payload['role'];
      const csrf = payload['csrf'];
      const sid = payload['sid'];
      if (
        typeof payload.sub !== 'string' ||
        typeof csrf !== 'string' ||
        typeof sid !== 'string' ||
        typeof payload.exp !== 'number'
      )
        return null;
      if (!(ADMIN_ROLES as readonly unknown[]).includes(role)) return null;
      return { sub: payload.sub, role: role as AdminRole, csrf, exp: payload.exp, sid };
    } catch {
      return null;
    }
  }
}
