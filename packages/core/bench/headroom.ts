import { EXCHANGES } from '../src/exchanges/catalog.ts';
import { PUBLISHED_RULES } from '../src/limiter/rules/published.ts';
import type { BucketRule, RulesOverride } from '../src/limiter/rules/types.ts';

/**
 * The published limits with every window widened by `jitterMs`: a limiter counts a request when it sends it, the
 * exchange when it arrives, and arrival times spread by the latency's jitter. Two requests sent exactly one window
 * apart can arrive less than a window apart; widening the window by the jitter keeps the exchange's count within
 * its limit (an operator's configuration through the limiter's rule overrides).
 */
export function publishedWithHeadroom(jitterMs: number): RulesOverride {
  const published: NonNullable<RulesOverride['published']> = {};
  for (const exchange of EXCHANGES) {
    const buckets: Record<string, BucketRule> = {};
    for (const [name, rule] of Object.entries(PUBLISHED_RULES[exchange].buckets))
      buckets[name] = {
        ...rule,
        windows: rule.windows.map((w) => ({ ...w, windowMs: w.windowMs + jitterMs })),
      };
    published[exchange] = { buckets };
  }
  return { published };
}
