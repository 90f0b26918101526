/** The drizzle schema: one table a file. The same schema runs on libSQL and Cloudflare D1. */
export * from './admin-sessions.ts';
export * from './alert-attempts.ts';
export * from './alert-channels.ts';
export * from './alert-deliveries.ts';
export * from './alert-locks.ts';
export * from './alert-outbox.ts';
export * from './alert-states.ts';
export * from './batch-jobs.ts';
export * from './batch-tasks.ts';
export * from './connection-credentials.ts';
export * from './connections.ts';
export * from './health-samples.ts';
export * from './limiter-saves.ts';
export * from './limiter-scopes.ts';
export * from './test-results.ts';
