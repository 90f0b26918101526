import type { ConnectionRecord } from '@cts/core';
import type { BoardQuery } from './board-query.ts';

/**
 * How bad a connection looks from its record, lower first: in error, paused, enabled with a failed last check, a
 * risky key (withdraw, expired, wrong region…), testing or untested, passing, disabled.
 */
export function severity(c: ConnectionRecord): number {
  if (c.state === 'error') return 0;
  if (c.state === 'paused') return 1;
  if (c.state === 'disabled') return 6;
  const risky = (c.key_audit?.flags.length ?? 0) > 0;
  if (c.last_test_success === false) return 2;
  if (risky) return 3;
  if (c.state === 'testing') return 4;
  return c.last_test_at === null ? 4 : 5;
}

const byName = (a: ConnectionRecord, b: ConnectionRecord) =>
  a.name.localeCompare(b.name, 'en') || a.id.localeCompare(b.id);

/** Filters by search text and orders the list as the query asks (worst first by default); stable and total. */
export function rankConnections(list: ConnectionRecord[], query: BoardQuery): ConnectionRecord[] {
  let rows = list;
  if (query.q) {
    const needle = query.q.toLowerCase();
    rows = rows.filter(
      (c) =>
        c.name.toLowerCase().includes(needle) ||
        c.exchange.includes(needle) ||
        c.api_key_masked.toLowerCase().includes(needle),
    );
  }
  const sev = new Map(rows.map((c) => [c.id, severity(c)]));
  const compare: Record<BoardQuery['sort'], (a: ConnectionRecord, b: ConnectionRecord) => number> = {
    worst: (a, b) => sev.get(a.id)! - sev.get(b.id)! || byName(a, b),
    name: byName,
    exchange: (a, b) => a.exchange.localeCompare(b.exchange) || byName(a, b),
    last_test: (a, b) => (b.last_test_at ?? -1) - (a.last_test_at ?? -1) || byName(a, b),
  };
  const sorted = [...rows].sort(compare[query.sort]);
  // Grouped by exchange, each group keeps the chosen order inside it.
  return query.group ? sorted.sort((a, b) => a.exchange.localeCompare(b.exchange)) : sorted;
}
