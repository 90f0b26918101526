import type { AlertEvent, DeliveryStatus, MessageKind } from '@cts/core/alerts';
import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/** One message to one channel; `id` is the idempotency key the receiver sees. */
export const alertDeliveries = sqliteTable(
  'alert_deliveries',
  {
    id: text('id').primaryKey(),
    channelId: text('channel_id').notNull(),
    kind: text('kind').$type<MessageKind>().notNull(),
    event: text('event', { mode: 'json' }).$type<AlertEvent>().notNull(),
    since: integer('since'),
    status: text('status').$type<DeliveryStatus>().notNull(),
    attempts: integer('attempts').notNull(),
    nextAttemptAt: integer('next_attempt_at').notNull(),
    claimedUntil: integer('claimed_until'),
    lastStatus: integer('last_status'),
    lastError: text('last_error'),
    createdAt: integer('created_at').notNull(),
    deliveredAt: integer('delivered_at'),
  },
  (t) => [
    index('alert_deliveries_due_idx').on(t.status, t.nextAttemptAt),
    index('alert_deliveries_created_idx').on(t.createdAt),
  ],
);
