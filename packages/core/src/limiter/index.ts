/**
 * Rate limiter: the request gate contract, the RateLimiter (sliding windows, concurrency, priority queue,
 * exchange feedback), its LimiterStore port with the memory store (and
 * the persisted one, whose windows survive a restart), and the seed's and published rule tables.
 */
export * from './gate.ts';
export * from './http-store.ts';
export * from './limiter-state-repo.ts';
export * from './memory-state-repo.ts';
export * from './memory-store.ts';
export * from './metrics.ts';
export * from './persisted-store.ts';
export * from './priority.ts';
export * from './rate-limiter.ts';
export { type RestoreContext, restoreScope } from './restore-rule.ts';
export type { AccountRulesOverride } from './rule-tables.ts';
export * from './rules/published.ts';
export * from './rules/seed.ts';
export * from './rules/types.ts';
export { validateBucket, validateExchangeRules } from './rules/validate.ts';
export { SlidingLog, type SlidingLogState } from './sliding-log.ts';
export * from './store.ts';
