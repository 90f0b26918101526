/** Health monitoring: per-connection aggregates in bounded memory (response-time ring, uptime buckets). */
export * from './health-tracker.ts';
export * from './response-ring.ts';
export * from './uptime-buckets.ts';
