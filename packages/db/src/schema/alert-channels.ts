import type { AlertChannel } from '@cts/core/alerts';
import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/** Alert channels. Secrets (webhook URL, bot token, signing secret) are one AES-GCM blob; `masked` is for display. */
export const alertChannels = sqliteTable('alert_channels', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  type: text('type').$type<AlertChannel['type']>().notNull(),
  enabled: integer('enabled', { mode: 'boolean' }).notNull(),
  filters: text('filters', { mode: 'json' }).$type<AlertChannel['filters']>().notNull(),
  settings: text('settings', { mode: 'json' }).$type<AlertChannel['settings']>().notNull(),
  masked: text('masked', { mode: 'json' }).$type<AlertChannel['masked']>().notNull(),
  keyId: text('key_id').notNull(),
  iv: text('iv').notNull(),
  ciphertext: text('ciphertext').notNull(),
  createdAt: integer('created_at').notNull(),
  updatedAt: integer('updated_at').notNull(),
});
