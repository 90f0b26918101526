import type { AlertEvent } from '@cts/core/alerts';
import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/**
 * Alert events waiting for the dispatcher, written in the same batch as the state change that raised them.
 * `seq` orders them.
 */
export const alertOutbox = sqliteTable('alert_outbox', {
  seq: integer('seq').primaryKey({ autoIncrement: true }),
  event: text('event', { mode: 'json' }).$type<AlertEvent>().notNull(),
  createdAt: integer('created_at').notNull(),
});
