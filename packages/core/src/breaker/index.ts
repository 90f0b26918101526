/** Circuit breaker: consecutive failures pause a connection; a half-open probe after the cool-down restores it. */
export * from './circuit-breaker.ts';
