import type { TestError } from '../connectors/types.ts';
import type { KeyType } from '../crypto/asymmetric.ts';
import type { ApiType, Environment, ExchangeId, Region } from '../exchanges/catalog.ts';
import type { KeyAudit } from '../keys/key-audit.ts';
import type { ConnectionState } from './state-machine.ts';

export const MARGIN_TYPES = ['cross', 'isolated'] as const;
export type MarginType = (typeof MARGIN_TYPES)[number];
export const POSITION_MODES = ['hedge', 'one_way'] as const;
export type PositionMode = (typeof POSITION_MODES)[number];

/**
 * A stored exchange connection, without its secrets. Field names follow the seed's JSON (snake_case) so the REST
 * API returns records as they are. Timestamps are epoch ms.
 */
export interface ConnectionRecord {
  id: string;
  name: string;
  exchange: ExchangeId;
  api_type: ApiType;
  margin_type: MarginType | null;
  position_mode: PositionMode | null;
  is_testnet: boolean;
  /** mainnet, testnet or demo (is_testnet true ⇔ not mainnet; from is_testnet alone: the exchange's testnet, else demo). */
  environment: Environment;
  /** The exchange entity whose hosts serve the key (OKX global/eea/us, Bybit's regions); null where it has one. */
  region: Region | null;
  key_type: KeyType;
  /** The API key, masked (`abcd…wxyz`); the key itself is only in the encrypted credentials. */
  api_key_masked: string;
  state: ConnectionState;
  /** state !== 'disabled' */
  is_enabled: boolean;
  /** state === 'active' */
  is_active: boolean;
  last_test_at: number | null;
  last_test_success: boolean | null;
  last_error: TestError | null;
  /** Last balance total seen, in `last_balance_currency`. */
  last_balance: number | null;
  last_balance_currency: string | null;
  /** The key's lifecycle audit from the last test that read its permissions (null before one). */
  key_audit: KeyAudit | null;
  created_at: number;
  updated_at: number;
  /** Optimistic concurrency: bumped on every write; a write with a stale version is refused. */
  version: number;
}

/** The secrets of a connection, in clear: only ever in memory, never stored or logged as such. */
export interface ConnectionSecrets {
  apiKey: string;
  apiSecret: string;
  passphrase?: string;
}

/** Filters the seed's GET /api/settings/connections supports. */
export interface ConnectionFilter {
  exchange?: ExchangeId;
  apiType?: ApiType;
  enabled?: boolean;
  active?: boolean;
  state?: ConnectionState;
  /** Keyset pagination: only records after this position in list order (created_at, then id). @default the first */
  after?: ConnectionCursor;
  /** At most this many records (an integer ≥ 0). @default every matching record */
  limit?: number;
}

/** A position in ConnectionRepo.list's order: the last record of the previous page. */
export interface ConnectionCursor {
  createdAt: number;
  id: string;
}

/** Whether `record` passes `filter` (an absent field matches all): what ConnectionRepo.list filters on. */
export function matchesConnectionFilter(record: ConnectionRecord, filter: ConnectionFilter): boolean {
  return (
    (filter.exchange === undefined || record.exchange === filter.exchange) &&
    (filter.apiType === undefined || record.api_type === filter.apiType) &&
    (filter.enabled === undefined || record.is_enabled === filter.enabled) &&
    (filter.active === undefined || record.is_active === filter.active) &&
    (filter.state === undefined || record.state === filter.state)
  );
}

/** ConnectionRepo.list's order: created_at, then id. A sort comparator. */
export function compareConnectionsByCreation(a: ConnectionRecord, b: ConnectionRecord): number {
  return a.created_at - b.created_at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/**
 * The page `filter.after` / `filter.limit` select from a list already in list order and filtered: a binary search
 * for the position, then a slice. Returns `sorted` itself when the filter asks for no page.
 */
export function pageConnections<T extends ConnectionRecord>(
  sorted: readonly T[],
  filter: ConnectionFilter,
): readonly T[] {
  const { after, limit } = filter;
  if (after === undefined && limit === undefined) return sorted;
  let lo = 0;
  if (after) {
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const r = sorted[mid]!;
      if (r.created_at < after.createdAt || (r.created_at === after.createdAt && r.id <= after.id))
        lo = mid + 1;
      else hi = mid;
    }
  }
  return sorted.slice(lo, limit === undefined ? undefined : lo + limit);
}

/** Masks an API key for display: first 4 and last 4 characters (fewer for short keys). */
export function maskApiKey(apiKey: string): string {
  if (apiKey.length <= 8) return `${apiKey.slice(0, 1)}…${apiKey.slice(-1)}`;
  return `${apiKey.slice(0, 4)}…${apiKey.slice(-4)}`;
}
