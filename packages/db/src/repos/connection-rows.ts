import type { ConnectionRecord } from '@cts/core/connections';
import type { ConnectionWrite } from '@cts/core/storage';
import type { ConnectionInsert, ConnectionRow } from '../schema/connections.ts';

/** Record field (the seed's snake_case) → drizzle column property, for every writable field. */
export const WRITE_FIELDS = {
  name: 'name',
  exchange: 'exchange',
  api_type: 'apiType',
  margin_type: 'marginType',
  position_mode: 'positionMode',
  is_testnet: 'isTestnet',
  environment: 'environment',
  region: 'region',
  key_type: 'keyType',
  api_key_masked: 'apiKeyMasked',
  state: 'state',
  last_test_at: 'lastTestAt',
  last_test_success: 'lastTestSuccess',
  last_error: 'lastError',
  last_balance: 'lastBalance',
  last_balance_currency: 'lastBalanceCurrency',
  key_audit: 'keyAudit',
} as const satisfies Record<keyof ConnectionWrite, keyof ConnectionInsert>;

/** The columns a (partial) write sets; unknown and undefined fields are ignored. */
export function toColumns(fields: Partial<ConnectionWrite>): Partial<ConnectionInsert> {
  const out: Record<string, unknown> = {};
  for (const [field, column] of Object.entries(WRITE_FIELDS)) {
    const value = (fields as Record<string, unknown>)[field];
    if (value !== undefined) out[column] = value;
  }
  return out as Partial<ConnectionInsert>;
}

/** A new row: every writable field, timestamps `now`, version 1. */
export function toInsert(id: string, f: ConnectionWrite, now: number): ConnectionInsert {
  return {
    id,
    name: f.name,
    exchange: f.exchange,
    apiType: f.api_type,
    marginType: f.margin_type,
    positionMode: f.position_mode,
    isTestnet: f.is_testnet,
    environment: f.environment,
    region: f.region ?? null,
    keyType: f.key_type,
    apiKeyMasked: f.api_key_masked,
    state: f.state,
    lastTestAt: f.last_test_at,
    lastTestSuccess: f.last_test_success,
    lastError: f.last_error,
    lastBalance: f.last_balance,
    lastBalanceCurrency: f.last_balance_currency,
    keyAudit: f.key_audit,
    createdAt: now,
    updatedAt: now,
    version: 1,
  };
}

export function toRecord(row: ConnectionRow): ConnectionRecord {
  return {
    id: row.id,
    name: row.name,
    exchange: row.exchange,
    api_type: row.apiType,
    margin_type: row.marginType ?? null,
    position_mode: row.positionMode ?? null,
    is_testnet: row.isTestnet,
    environment: row.environment,
    region: row.region ?? null,
    key_type: row.keyType,
    api_key_masked: row.apiKeyMasked,
    state: row.state,
    is_enabled: row.state !== 'disabled',
    is_active: row.state === 'active',
    last_test_at: row.lastTestAt ?? null,
    last_test_success: row.lastTestSuccess ?? null,
    last_error: row.lastError ?? null,
    last_balance: row.lastBalance ?? null,
    last_balance_currency: row.lastBalanceCurrency ?? null,
    key_audit: row.keyAudit ?? null,
    created_at: row.createdAt,
    updated_at: row.updatedAt,
    version: row.version,
  };
}
