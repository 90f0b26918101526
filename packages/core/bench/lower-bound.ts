import type { ExchangeId } from '../src/exchanges/catalog.ts';
import { compilePlan } from '../src/limiter/plan.ts';
import { PUBLISHED_RULES } from '../src/limiter/rules/published.ts';

interface Scope {
  windows: Array<{ windowMs: number; limit: number }>;
  /** Each request's cost in this scope and the earliest it can reach the exchange. */
  requests: Array<{ cost: number; earliest: number }>;
}

/**
 * The shortest makespan the exchanges' published limits and the latency allow for the requests a batch sent
 * (in the simulator a request is counted when it arrives and answered at once).
 *
 * Earliest arrivals: a test sends its signed calls together after the clock sync (they do not depend on each
 * other), so none arrives before the sync's round trip + the minimum latency. With the coordinator's shared clock
 * offset the first account to send on an exchange runs the sync (its `syncSamples` samples are sent together, one
 * round trip), and every other test starts after it ended (it waited for it, or started later). OrangeX's token
 * call before its balance is counted as if sent together too: the bound stays a lower bound.
 *
 * Windows: in a scope with total cost C and limit L per window W, at most k·L of it arrives in the k windows before
 * the last arrival T, so the cheapest-first requests worth C − k·L arrive by T − k·W:
 * T ≥ (the earliest arrival by which that much cost can have arrived) + k·W, for every k < C / L.
 * `windowPaddingMs` widens W: the latency's jitter for a sender that must absorb it, or the minimum latency for a
 * sender that counts each request from its reply (the next one cannot arrive sooner than its own latency after).
 *
 * Latency chains: each test takes at least two mean round trips (the sync, then its calls).
 * The bound is the largest of these. It follows the request mix actually sent (one 3-sample sync per exchange and
 * 2 signed calls per test with the shared offset; before it, 5 per test and OKX's public time, 10 per 2 s, bound).
 */
export function lowerBound(
  sent: Array<{ exchange: ExchangeId; account: string; method: string; path: string }>,
  latency: { minMs: number; maxMs: number },
  windowPaddingMs = 0,
  syncSamples = 3,
): { ms: number; binding: string } {
  const scopes = new Map<string, Scope>();
  const perAccount = new Map<string, number>();
  const syncer = new Map<ExchangeId, string>();
  for (const r of sent) {
    const account = `${r.exchange}|${r.account}`;
    const index = perAccount.get(account) ?? 0;
    perAccount.set(account, index + 1);
    if (!syncer.has(r.exchange)) syncer.set(r.exchange, r.account);
    // The syncing account's first `syncSamples` requests are the samples (one round trip); the rest one later.
    const depth = syncer.get(r.exchange) === r.account && index < syncSamples ? 1 : 2;
    const plan = compilePlan({ ...r, ip: 'default' }, [
      { profile: 'published', rules: PUBLISHED_RULES[r.exchange] },
    ]);
    for (const e of plan.entries) {
      const scope = scopes.get(e.key) ?? { windows: e.rule.windows, requests: [] };
      scope.requests.push({ cost: e.cost, earliest: depth * latency.minMs });
      scopes.set(e.key, scope);
    }
  }
  let best = { ms: 0, binding: 'none' };
  for (const [key, scope] of scopes) {
    const requests = scope.requests.sort((a, b) => a.earliest - b.earliest);
    const cumulative: number[] = [];
    let total = 0;
    for (const r of requests) {
      total += r.cost;
      cumulative.push(total);
    }
    for (const w of scope.windows)
      for (let k = 0; k * w.limit < total; k++) {
        const by = requests[firstReaching(cumulative, total - k * w.limit)]!.earliest;
        const ms = by + k * (w.windowMs + windowPaddingMs);
        if (ms > best.ms)
          best = { ms, binding: `${key.split('|').slice(1, 3).join(' ')} ${w.limit}/${w.windowMs / 1000}s` };
      }
  }
  const mean = (latency.minMs + latency.maxMs) / 2;
  if (perAccount.size > 0 && 2 * mean > best.ms)
    best = { ms: 2 * mean, binding: 'latency chain (2 round trips)' };
  return best;
}

/** The first index whose cumulative cost reaches `cost` (cumulative is non-decreasing; its last value >= cost). */
function firstReaching(cumulative: number[], cost: number): number {
  let lo = 0;
  let hi = cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cumulative[mid]! >= cost - 1e-9) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}
