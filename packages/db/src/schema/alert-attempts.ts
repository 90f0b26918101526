import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/** Every HTTP attempt of a delivery, with its status or error (never a URL or token). */
export const alertAttempts = sqliteTable(
  'alert_attempts',
  {
    id: integer('id').primaryKey(),
    deliveryId: text('delivery_id').notNull(),
    attempt: integer('attempt').notNull(),
    at: integer('at').notNull(),
    durationMs: integer('duration_ms').notNull(),
    httpStatus: integer('http_status'),
    error: text('error'),
    outcome: text('outcome').$type<'delivered' | 'retry' | 'failed'>().notNull(),
  },
  (t) => [index('alert_attempts_delivery_idx').on(t.deliveryId, t.attempt)],
);
