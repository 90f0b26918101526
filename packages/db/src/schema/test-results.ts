import type { TestResult } from '@cts/core/connectors';
import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/** One connection test: its outcome, the timestamped step log and the rest of the TestResult as JSON. */
export const testResults = sqliteTable(
  'test_results',
  {
    id: text('id').primaryKey(),
    connectionId: text('connection_id').notNull(),
    startedAt: integer('started_at').notNull(),
    success: integer('success', { mode: 'boolean' }).notNull(),
    durationMs: integer('duration_ms').notNull(),
    errorCode: text('error_code'),
    /** The step log (`[iso time] step…` lines), as a JSON array. */
    log: text('log', { mode: 'json' }).$type<string[]>().notNull(),
    /** The TestResult without its log. */
    result: text('result', { mode: 'json' }).$type<Omit<TestResult, 'log'>>().notNull(),
  },
  (t) => [
    index('test_results_connection_started_idx').on(t.connectionId, t.startedAt),
    index('test_results_started_idx').on(t.startedAt),
  ],
);
