import type { BucketRule, ExchangeRules, PenaltyScope, Weights } from './types.ts';

const BUCKET_SCOPES = ['ip', 'account'];
const FEEDBACK_SCOPES = ['ip', 'account', 'endpoint', 'none'];
const PENALTY_SCOPES: readonly PenaltyScope[] = ['ip', 'account', 'all'];

function positive(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0;
}

/** Checks one bucket; throws a TypeError naming the rule (`path`) and what is wrong. */
export function validateBucket(path: string, bucket: BucketRule): void {
  if (!bucket || typeof bucket !== 'object') throw new TypeError(`${path}: expected a bucket rule object`);
  if (!BUCKET_SCOPES.includes(bucket.per))
    throw new TypeError(`${path}.per: unknown scope ${JSON.stringify(bucket.per)} (expected ip or account)`);
  if (!Array.isArray(bucket.windows) || bucket.windows.length === 0)
    throw new TypeError(`${path}.windows: expected at least one { windowMs, limit }`);
  const seen = new Set<number>();
  bucket.windows.forEach((w, i) => {
    if (!positive(w?.windowMs) || !Number.isInteger(w.windowMs))
      throw new TypeError(`${path}.windows[${i}].windowMs: must be a positive integer, got ${w?.windowMs}`);
    if (!positive(w.limit)) throw new TypeError(`${path}.windows[${i}].limit: must be > 0, got ${w.limit}`);
    if (seen.has(w.windowMs))
      throw new TypeError(`${path}.windows[${i}].windowMs: ${w.windowMs} appears twice`);
    seen.add(w.windowMs);
  });
  if (bucket.concurrency !== undefined && (!Number.isInteger(bucket.concurrency) || bucket.concurrency <= 0))
    throw new TypeError(`${path}.concurrency: must be a positive integer, got ${bucket.concurrency}`);
  if (bucket.feedback !== undefined && !FEEDBACK_SCOPES.includes(bucket.feedback))
    throw new TypeError(`${path}.feedback: unknown scope ${JSON.stringify(bucket.feedback)}`);
}

function validateWeights(path: string, weights: Weights, rules: ExchangeRules): void {
  if (!weights || typeof weights !== 'object') throw new TypeError(`${path}: expected { bucket: weight }`);
  for (const [name, weight] of Object.entries(weights)) {
    const bucket = rules.buckets[name];
    if (!bucket)
      throw new TypeError(`${path}.${name}: unknown scope (no bucket named ${JSON.stringify(name)})`);
    if (typeof weight !== 'number' || !Number.isFinite(weight) || weight < 0)
      throw new TypeError(`${path}.${name}: weight must be a number >= 0, got ${weight}`);
    const tightest = Math.min(...bucket.windows.map((w) => w.limit));
    if (weight > tightest)
      throw new TypeError(`${path}.${name}: weight ${weight} exceeds the bucket's limit ${tightest}`);
  }
}

/** Checks one exchange's rules in one profile; `path` names them in errors (e.g. `rules.published.binance`). */
export function validateExchangeRules(path: string, rules: ExchangeRules): void {
  if (!rules || typeof rules !== 'object') throw new TypeError(`${path}: expected an object`);
  if (!rules.buckets || typeof rules.buckets !== 'object')
    throw new TypeError(`${path}.buckets: expected an object`);
  for (const [name, bucket] of Object.entries(rules.buckets))
    validateBucket(`${path}.buckets.${name}`, bucket);
  if (!rules.routes || typeof rules.routes !== 'object')
    throw new TypeError(`${path}.routes: expected an object`);
  for (const [prefix, weights] of Object.entries(rules.routes))
    validateWeights(`${path}.routes[${JSON.stringify(prefix)}]`, weights, rules);
  for (const [endpoint, weights] of Object.entries(rules.endpoints ?? {})) {
    if (!/^[A-Z]+ \S+$/.test(endpoint))
      throw new TypeError(`${path}.endpoints[${JSON.stringify(endpoint)}]: key must read 'METHOD path'`);
    validateWeights(`${path}.endpoints[${JSON.stringify(endpoint)}]`, weights, rules);
  }
  for (const field of ['throttleScope', 'banScope'] as const) {
    const value = rules[field];
    if (value !== undefined && !PENALTY_SCOPES.includes(value))
      throw new TypeError(
        `${path}.${field}: unknown scope ${JSON.stringify(value)} (expected ip, account or all)`,
      );
  }
}
