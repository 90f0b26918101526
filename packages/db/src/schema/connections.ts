import type { ConnectionState, MarginType, PositionMode } from '@cts/core/connections';
import type { TestError } from '@cts/core/connectors';
import type { KeyType } from '@cts/core/crypto';
import type { ApiType, Environment, ExchangeId, Region } from '@cts/core/exchanges';
import type { KeyAudit } from '@cts/core/keys';
import { sql } from 'drizzle-orm';
import { index, integer, real, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/** Exchange connections, without secrets (those are in `connection_credentials`). Timestamps are epoch ms. */
export const connections = sqliteTable(
  'connections',
  {
    id: text('id').primaryKey(),
    name: text('name').notNull(),
    exchange: text('exchange').$type<ExchangeId>().notNull(),
    apiType: text('api_type').$type<ApiType>().notNull(),
    marginType: text('margin_type').$type<MarginType>(),
    positionMode: text('position_mode').$type<PositionMode>(),
    isTestnet: integer('is_testnet', { mode: 'boolean' }).notNull(),
    environment: text('environment').$type<Environment>().notNull(),
    /** The exchange entity (OKX global/eea/us, Bybit's regions); null where the exchange has one. */
    region: text('region').$type<Region>(),
    keyType: text('key_type').$type<KeyType>().notNull(),
    apiKeyMasked: text('api_key_masked').notNull(),
    state: text('state').$type<ConnectionState>().notNull(),
    /** Derived from state (never written): state <> 'disabled'. */
    isEnabled: integer('is_enabled', { mode: 'boolean' }).generatedAlwaysAs(sql`(state <> 'disabled')`, {
      mode: 'virtual',
    }),
    /** Derived from state (never written): state = 'active'. */
    isActive: integer('is_active', { mode: 'boolean' }).generatedAlwaysAs(sql`(state = 'active')`, {
      mode: 'virtual',
    }),
    lastTestAt: integer('last_test_at'),
    lastTestSuccess: integer('last_test_success', { mode: 'boolean' }),
    lastError: text('last_error', { mode: 'json' }).$type<TestError>(),
    lastBalance: real('last_balance'),
    lastBalanceCurrency: text('last_balance_currency'),
    /** The key's lifecycle audit from the last test (JSON, KeyAudit from @cts/core/keys). */
    keyAudit: text('key_audit', { mode: 'json' }).$type<KeyAudit>(),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
    /** Optimistic concurrency: starts at 1, bumped on every write. */
    version: integer('version').notNull().default(1),
  },
  (t) => [
    index('connections_exchange_api_type_idx').on(t.exchange, t.apiType),
    index('connections_state_idx').on(t.state),
    index('connections_created_idx').on(t.createdAt, t.id),
  ],
);

export type ConnectionRow = typeof connections.$inferSelect;
export type ConnectionInsert = typeof connections.$inferInsert;
