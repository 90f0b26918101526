import type { LimiterSave, LimiterSaved, LimiterStateRepo, SavedScope } from '@cts/core/limiter';
import { eq, sql } from 'drizzle-orm';
import type { CtsDatabase } from '../database.ts';
import { limiterSaves } from '../schema/limiter-saves.ts';
import { limiterScopes } from '../schema/limiter-scopes.ts';

type ScopeState = Omit<SavedScope, 'key' | 'savedAt'>;

/**
 * The rate limiter's saved windows in the server's database (PersistedLimiterStore). A save is one `batch`: the mark
 * row, every changed scope from one INSERT … SELECT over json_each (5,000 scopes cost one statement and two bound
 * parameters) and the deletes from another — a killed process leaves the previous save or this one, whole.
 *
 * @example
 * const store = await PersistedLimiterStore.open({ repo: new LibsqlLimiterStateRepo(db) });
 */
export class LibsqlLimiterStateRepo implements LimiterStateRepo {
  readonly #db: CtsDatabase;

  constructor(db: CtsDatabase) {
    this.#db = db;
  }

  async load(): Promise<LimiterSaved | null> {
    const [mark] = await this.#db.select().from(limiterSaves).where(eq(limiterSaves.id, 1)).limit(1);
    if (!mark) return null;
    const rows = await this.#db.select().from(limiterScopes);
    const scopes = rows.map((row): SavedScope => {
      const state = JSON.parse(row.state) as ScopeState;
      return { key: row.key, ...state, savedAt: row.savedAt };
    });
    return { savedAt: mark.savedAt, clean: mark.clean, intervalMs: mark.intervalMs, scopes };
  }

  async save({ savedAt, clean, intervalMs, upserts, deletes }: LimiterSave): Promise<void> {
    const db = this.#db;
    const mark = { savedAt, clean, intervalMs };
    const rows = upserts.map(({ key, savedAt: at, ...state }) => ({
      k: key,
      s: JSON.stringify(state),
      t: at,
    }));
    await db.batch([
      db
        .insert(limiterSaves)
        .values({ id: 1, ...mark })
        .onConflictDoUpdate({ target: limiterSaves.id, set: mark }),
      db
        .insert(limiterScopes)
        .select(
          sql`SELECT value ->> 'k', value ->> 's', value ->> 't' FROM json_each(${JSON.stringify(rows)}) WHERE true`,
        )
        .onConflictDoUpdate({
          target: limiterScopes.key,
          set: { state: sql`excluded.state`, savedAt: sql`excluded.saved_at` },
        }),
      db
        .delete(limiterScopes)
        .where(sql`${limiterScopes.key} IN (SELECT value FROM json_each(${JSON.stringify(deletes)}))`),
    ]);
  }
}
