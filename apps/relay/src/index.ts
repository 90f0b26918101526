/** @cts/relay — the egress relay: forwards CTS's signed exchange calls from a static IP. */
export * from './env.ts';
export type { RefusalReason } from './relay-metrics.ts';
export { RelayMetrics } from './relay-metrics.ts';
export * from './relay-server.ts';
