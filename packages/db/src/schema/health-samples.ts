import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/**
 * Health observations: many (5,000 connections × a day of checks), so rows are small, keyed by rowid, indexed by
 * (connection_id, at) for per-connection windows and by at for retention.
 */
export const healthSamples = sqliteTable(
  'health_samples',
  {
    id: integer('id').primaryKey(),
    connectionId: text('connection_id').notNull(),
    at: integer('at').notNull(),
    success: integer('success', { mode: 'boolean' }).notNull(),
    responseTimeMs: integer('response_time_ms').notNull(),
    errorCode: text('error_code'),
  },
  (t) => [
    index('health_samples_connection_at_idx').on(t.connectionId, t.at),
    index('health_samples_at_idx').on(t.at),
  ],
);
