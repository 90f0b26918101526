import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/** The rate limiter's windows, one row per scope (PersistedLimiterStore in @cts/core): restored after a restart. */
export const limiterScopes = sqliteTable('limiter_scopes', {
  key: text('key').primaryKey(),
  /** JSON `{ times, costs, blockedUntil, lostAt? }`: the scope's entries still in a window. */
  state: text('state').notNull(),
  /** Epoch ms of the save that wrote the row. */
  savedAt: integer('saved_at').notNull(),
});
