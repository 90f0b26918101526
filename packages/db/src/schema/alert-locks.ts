import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/** Lease locks (one dispatcher at a time turns the outbox into deliveries); an expired lease is taken over. */
export const alertLocks = sqliteTable('alert_locks', {
  name: text('name').primaryKey(),
  holder: text('holder').notNull(),
  until: integer('until').notNull(),
});
