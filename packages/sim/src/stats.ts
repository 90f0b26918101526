import type { ExchangeId } from '@cts/core/exchanges';

/** Why the simulator refused a request. */
export const REJECT_REASONS = [
  'missing_auth',
  'bad_key',
  'bad_signature',
  'bad_passphrase',
  'timestamp',
  'permission',
  'ip',
  'rate_limit',
  'banned',
  'wrong_environment',
  'wrong_region',
  'key_expired',
  'bad_token',
  'bad_request',
  'not_found',
] as const;
export type RejectReason = (typeof REJECT_REASONS)[number];

export interface KeyStats {
  requests: number;
  accepted: number;
  rejections: Partial<Record<RejectReason, number>>;
  /** Requests that arrived while the caller was over a limit or banned. */
  rateLimitViolations: number;
  /** Faults that fired (latency excluded). */
  faults: number;
}

/** Per exchange, per key id (`anonymous` for unsigned requests, `unknown` for keys the simulator does not know). */
export type StatsSnapshot = Partial<Record<ExchangeId, { total: KeyStats; keys: Record<string, KeyStats> }>>;

function empty(): KeyStats {
  return { requests: 0, accepted: 0, rejections: {}, rateLimitViolations: 0, faults: 0 };
}

/** Counters for `GET /__sim/stats`. Never holds a raw API key. */
export class Stats {
  #data = new Map<ExchangeId, Map<string, KeyStats>>();

  #entry(exchange: ExchangeId, keyId: string): KeyStats {
    let keys = this.#data.get(exchange);
    if (!keys) {
      keys = new Map();
      this.#data.set(exchange, keys);
    }
    let entry = keys.get(keyId);
    if (!entry) {
      entry = empty();
      keys.set(keyId, entry);
    }
    return entry;
  }

  request(exchange: ExchangeId, keyId: string): void {
    this.#entry(exchange, keyId).requests++;
  }

  accepted(exchange: ExchangeId, keyId: string): void {
    this.#entry(exchange, keyId).accepted++;
  }

  rejected(exchange: ExchangeId, keyId: string, reason: RejectReason): void {
    const e = this.#entry(exchange, keyId);
    e.rejections[reason] = (e.rejections[reason] ?? 0) + 1;
    if (reason === 'rate_limit' || reason === 'banned') e.rateLimitViolations++;
  }

  fault(exchange: ExchangeId, keyId: string): void {
    this.#entry(exchange, keyId).faults++;
  }

  snapshot(): StatsSnapshot {
    const out: StatsSnapshot = {};
    for (const [exchange, keys] of this.#data) {
      const total = empty();
      const perKey: Record<string, KeyStats> = {};
      for (const [keyId, s] of keys) {
        perKey[keyId] = { ...s, rejections: { ...s.rejections } };
        total.requests += s.requests;
        total.accepted += s.accepted;
        total.rateLimitViolations += s.rateLimitViolations;
        total.faults += s.faults;
        for (const [reason, n] of Object.entries(s.rejections) as [RejectReason, number][])
          total.rejections[reason] = (total.rejections[reason] ?? 0) + n;
      }
      out[exchange] = { total, keys: perKey };
    }
    return out;
  }

  reset(): void {
    this.#data.clear();
  }
}
