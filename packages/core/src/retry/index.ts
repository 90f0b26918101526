/** Retry helpers: backoff with decorrelated jitter. */
export * from './backoff.ts';
