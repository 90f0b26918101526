import type { AlertEvent } from '@cts/core/alerts';
import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/** Conditions being alerted on, by fingerprint (deduplication, reminders, flap-window resolutions). */
export const alertStates = sqliteTable(
  'alert_states',
  {
    fingerprint: text('fingerprint').primaryKey(),
    status: text('status').$type<'firing' | 'resolving'>().notNull(),
    event: text('event', { mode: 'json' }).$type<AlertEvent>().notNull(),
    since: integer('since').notNull(),
    notifiedAt: integer('notified_at').notNull(),
    nextReminderAt: integer('next_reminder_at').notNull(),
    resolveAt: integer('resolve_at'),
    resolvedEvent: text('resolved_event', { mode: 'json' }).$type<AlertEvent>(),
    channelIds: text('channel_ids', { mode: 'json' }).$type<string[]>().notNull(),
    /** resolve_at while resolving, else next_reminder_at: when this state needs the dispatcher. */
    dueAt: integer('due_at').notNull(),
  },
  (t) => [index('alert_states_due_idx').on(t.dueAt)],
);
