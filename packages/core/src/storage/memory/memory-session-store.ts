import { isSessionLive, type SessionRecord, type SessionStore } from '../session-store.ts';

/** Sessions in a Map: one process (tests, the admin app without storage). */
export class MemorySessionStore implements SessionStore {
  readonly #sessions = new Map<string, SessionRecord>();

  async create(session: SessionRecord): Promise<void> {
    if (this.#sessions.has(session.id)) throw new Error(`session ${session.id} already exists`);
    this.#sessions.set(session.id, { ...session });
  }

  async get(id: string): Promise<SessionRecord | null> {
    const s = this.#sessions.get(id);
    return s ? { ...s } : null;
  }

  async revoke(id: string, at: number): Promise<boolean> {
    const s = this.#sessions.get(id);
    if (!s || s.revokedAt !== null) return false;
    s.revokedAt = at;
    return true;
  }

  async revokeAll(sub: string, at: number): Promise<number> {
    let n = 0;
    for (const s of this.#sessions.values())
      if (s.sub === sub && s.revokedAt === null && at < s.expiresAt) {
        s.revokedAt = at;
        n++;
      }
    return n;
  }

  async listActive(now: number, options: { sub?: string; limit?: number } = {}): Promise<SessionRecord[]> {
    return [...this.#sessions.values()]
      .filter((s) => isSessionLive(s, now) && (options.sub === undefined || s.sub === options.sub))
      .sort((a, b) => b.createdAt - a.createdAt || (a.id < b.id ? -1 : 1))
      .slice(0, options.limit ?? 1000)
      .map((s) => ({ ...s }));
  }

  async deleteExpired(before: number): Promise<number> {
    let n = 0;
    for (const [id, s] of this.#sessions)
      if (s.expiresAt < before || (s.revokedAt !== null && s.revokedAt < before)) {
        this.#sessions.delete(id);
        n++;
      }
    return n;
  }
}
