import type { BucketRule, ExchangeRules, ExchangeRulesPatch } from './types.ts';

/** Applies a patch to one exchange's rules: buckets replaced by name (null removes), routes and endpoints merged. */
export function patchRules(base: ExchangeRules | undefined, patch: ExchangeRulesPatch): ExchangeRules {
  const buckets: Record<string, BucketRule> = { ...(base?.buckets ?? {}) };
  for (const [name, bucket] of Object.entries(patch.buckets ?? {})) {
    if (bucket === null) delete buckets[name];
    else buckets[name] = bucket;
  }
  const prune = (table: Record<string, Record<string, number>>) => {
    const out: Record<string, Record<string, number>> = {};
    for (const [key, weights] of Object.entries(table)) {
      const kept = Object.fromEntries(Object.entries(weights).filter(([name]) => name in buckets));
      if (Object.keys(kept).length > 0 || Object.keys(weights).length === 0) out[key] = kept;
    }
    return out;
  };
  // Weights naming a removed bucket are dropped from the base; the patch's own weights stay (and are validated).
  const routes = { ...prune(base?.routes ?? {}), ...(patch.routes ?? {}) };
  const endpoints = { ...prune(base?.endpoints ?? {}), ...(patch.endpoints ?? {}) };
  return {
    buckets,
    routes,
    endpoints,
    throttleScope: patch.throttleScope ?? base?.throttleScope,
    banScope: patch.banScope ?? base?.banScope,
  };
}
