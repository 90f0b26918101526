/**
 * @cts/runtime — the one composition root every host calls: createCtsSystem(options) builds the vault, the rate
 * limiter, the coordinator (with its task log lines) and the API app with the admin UI from what the host chooses
 * (storage, limiter store, scheduler, fetch, WebSocket). runHealthTick runs one externally driven round of health
 * checks (a Worker's Cron Trigger). Web-standard: runs on Node, Bun, Deno and Cloudflare Workers.
 */
export * from './alerts.ts';
export * from './create-cts-system.ts';
export * from './health-tick.ts';
export * from './task-log.ts';
