import { integer, sqliteTable } from 'drizzle-orm/sqlite-core';

/** The newest save of the rate limiter's windows (one row, id 1): when, whether the process stopped cleanly, how often it saved. */
export const limiterSaves = sqliteTable('limiter_saves', {
  id: integer('id').primaryKey(),
  savedAt: integer('saved_at').notNull(),
  clean: integer('clean', { mode: 'boolean' }).notNull(),
  intervalMs: integer('interval_ms').notNull(),
});
