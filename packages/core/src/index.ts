/**
 * @cts/core — exchange connectors, rate limiter, batch processor and coordinator.
 * Web Fetch and Web Crypto only: runs on Node, Bun, Deno and Cloudflare Workers.
 */

export * from './alerts/index.ts';
export * from './async/index.ts';
export * from './batch/index.ts';
export * from './breaker/index.ts';
export * from './connections/index.ts';
export * from './connectors/index.ts';
export * from './coordinator/index.ts';
export * from './crypto/index.ts';
export * from './egress/index.ts';
export * from './errors/index.ts';
export * from './exchanges/index.ts';
export * from './health/index.ts';
export * from './keys/index.ts';
export * from './limiter/index.ts';
export * from './maintenance/index.ts';
export * from './ports/index.ts';
export * from './retry/index.ts';
export * from './scheduler/index.ts';
export * from './storage/index.ts';
export * from './storage/memory/index.ts';
