import type { SessionRecord, SessionStore } from '@cts/core/storage';
import { and, desc, eq, gt, isNull, lt, or } from 'drizzle-orm';
import { affectedRows, type CtsDatabase } from '../database.ts';
import { adminSessions } from '../schema/admin-sessions.ts';

type Row = typeof adminSessions.$inferSelect;

const toRecord = (r: Row): SessionRecord => ({
  id: r.id,
  sub: r.sub,
  role: r.role,
  method: r.method,
  createdAt: r.createdAt,
  expiresAt: r.expiresAt,
  revokedAt: r.revokedAt ?? null,
});

/** Admin sessions in the `admin_sessions` table (libSQL and D1). */
export class LibsqlSessionStore implements SessionStore {
  readonly #db: CtsDatabase;

  constructor(db: CtsDatabase) {
    this.#db = db;
  }

  async create(session: SessionRecord): Promise<void> {
    await this.#db.insert(adminSessions).values(session);
  }

  async get(id: string): Promise<SessionRecord | null> {
    const [row] = await this.#db.select().from(adminSessions).where(eq(adminSessions.id, id)).limit(1);
    return row ? toRecord(row) : null;
  }

  async revoke(id: string, at: number): Promise<boolean> {
    const res = await this.#db
      .update(adminSessions)
      .set({ revokedAt: at })
      .where(and(eq(adminSessions.id, id), isNull(adminSessions.revokedAt)));
    return affectedRows(res) > 0;
  }

  async revokeAll(sub: string, at: number): Promise<number> {
    const res = await this.#db
      .update(adminSessions)
      .set({ revokedAt: at })
      .where(
        and(eq(adminSessions.sub, sub), isNull(adminSessions.revokedAt), gt(adminSessions.expiresAt, at)),
      );
    return affectedRows(res);
  }

  async listActive(now: number, options: { sub?: string; limit?: number } = {}): Promise<SessionRecord[]> {
    const live = and(isNull(adminSessions.revokedAt), gt(adminSessions.expiresAt, now));
    const rows = await this.#db
      .select()
      .from(adminSessions)
      .where(options.sub === undefined ? live : and(live, eq(adminSessions.sub, options.sub)))
      .orderBy(desc(adminSessions.createdAt), adminSessions.id)
      .limit(options.limit ?? 1000);
    return rows.map(toRecord);
  }

  async deleteExpired(before: number): Promise<number> {
    return affectedRows(
      await this.#db
        .delete(adminSessions)
        .where(or(lt(adminSessions.expiresAt, before), lt(adminSessions.revokedAt, before))),
    );
  }
}
