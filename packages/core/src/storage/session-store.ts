/**
 * Admin sign-in sessions, stored so that they can be listed and revoked: a session cookie is honoured only while
 * its record exists, is not revoked and has not expired.
 */

/** One signed-in session. Times are epoch ms. */
export interface SessionRecord {
  /** Random id, carried in the (signed) cookie. */
  id: string;
  /** Who signed in (a token's `sub`, a username). */
  sub: string;
  role: 'admin' | 'viewer';
  /** How they signed in. */
  method: 'token' | 'password';
  createdAt: number;
  /** Never after the token that opened it expires, or the configured lifetime of a password sign-in. */
  expiresAt: number;
  /** When it was revoked (sign-out, an administrator), or null. */
  revokedAt: number | null;
}

export interface SessionStore {
  create(session: SessionRecord): Promise<void>;
  /** The session, revoked or expired ones included (the caller decides), or null. */
  get(id: string): Promise<SessionRecord | null>;
  /** Marks it revoked at `at`; false when there is no such session or it was already revoked. */
  revoke(id: string, at: number): Promise<boolean>;
  /** Revokes every live session of `sub` (all devices); returns how many. */
  revokeAll(sub: string, at: number): Promise<number>;
  /** Sessions live at `now` (not revoked, not expired), newest first; `sub` narrows to one person. */
  listActive(now: number, options?: { sub?: string; limit?: number }): Promise<SessionRecord[]>;
  /** Deletes sessions that expired (or were revoked) before `before`; returns how many. */
  deleteExpired(before: number): Promise<number>;
}

/** Whether `s` lets its holder in at `now`. */
export function isSessionLive(s: SessionRecord | null, now: number): s is SessionRecord {
  return s !== null && s.revokedAt === null && now < s.expiresAt;
}
