import type { ExchangeId } from '../src/exchanges/catalog.ts';
import { compilePlan } from '../src/limiter/plan.ts';
import { PUBLISHED_RULES } from '../src/limiter/rules/published.ts';

/**
 * The shortest makespan the exchanges' published limits and the latency allow for the requests a batch sent:
 * for every limit scope (IP, account, endpoint) and window, `total` cost needs at least
 * (ceil(total / limit) − 1) windows before its last request, plus that request's minimum latency; and each test
 * is a chain of requests that cannot take less than their mean latency each. The bound is the largest of these.
 * It is computed from the requests actually sent, so it follows the request mix: with the shared clock offset a
 * batch sends one 3-sample sync per exchange and 2 signed calls per test (before: 5 per test, and OKX's public
 * time endpoint, 10 per 2 s, bound every size), so the binding scope is now Pionex's IP weight (10 per 1 s).
 * `windowPaddingMs` widens every window: the latency's jitter for a sender that must absorb it, or the minimum
 * latency for a sender that counts each request from its reply (the next one cannot arrive sooner than that).
 */
export function lowerBound(
  sent: Array<{ exchange: ExchangeId; account: string; method: string; path: string }>,
  latency: { minMs: number; maxMs: number },
  windowPaddingMs = 0,
): { ms: number; binding: string } {
  const totals = new Map<string, { cost: number; windows: Array<{ windowMs: number; limit: number }> }>();
  const perAccount = new Map<string, number>();
  for (const r of sent) {
    perAccount.set(`${r.exchange}|${r.account}`, (perAccount.get(`${r.exchange}|${r.account}`) ?? 0) + 1);
    const plan = compilePlan({ ...r, ip: 'default' }, [
      { profile: 'published', rules: PUBLISHED_RULES[r.exchange] },
    ]);
    for (const e of plan.entries) {
      const t = totals.get(e.key) ?? { cost: 0, windows: e.rule.windows };
      t.cost += e.cost;
      totals.set(e.key, t);
    }
  }
  let best = { ms: 0, binding: 'none' };
  for (const [key, t] of totals)
    for (const w of t.windows) {
      const ms = (Math.ceil(t.cost / w.limit) - 1) * (w.windowMs + windowPaddingMs) + latency.minMs;
      if (ms > best.ms)
        best = { ms, binding: `${key.split('|').slice(1, 3).join(' ')} ${w.limit}/${w.windowMs / 1000}s` };
    }
  const mean = (latency.minMs + latency.maxMs) / 2;
  for (const [account, n] of perAccount)
    if (n * mean > best.ms)
      best = { ms: n * mean, binding: `latency chain (${n} requests, ${account.split('|')[0]})` };
  return best;
}
