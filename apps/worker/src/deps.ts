/**
 * The Worker's composition: storage (D1 or remote libSQL, migrated), the limiter store over the LIMITER Durable
 * Objects and a scheduler without timers (the Cron Trigger runs health checks), handed to @cts/runtime's
 * createCtsSystem, which builds everything else the same way as the server; then the shared limiter's /limiter/*
 * route in front of the API app. Built once per isolate.
 */
import { parseAdminUsers } from '@cts/admin';
import type { FetchLike, Logger, Scheduler } from '@cts/core';
import { createJsonLogger } from '@cts/core';
import { type CtsSystem, createCtsSystem } from '@cts/runtime';
import { Hono } from 'hono';
import pkg from '../package.json' with { type: 'json' };
import type { Bindings, WorkerEnv } from './env.ts';
import { htmxSource } from './htmx-source.ts';
import { DurableObjectLimiterStore } from './limiter/durable-object-store.ts';
import { createLimiterRoute } from './limiter/limiter-route.ts';
import { openWorkerStorage } from './storage.ts';

export interface WorkerSystem extends Omit<CtsSystem, 'app' | 'close'> {
  /** /limiter/* first, then the API app (with /admin mounted). */
  app: Hono;
  env: WorkerEnv;
}

/** Jobs are never run by timers in a Worker: the scheduled() handler runs runHealthTick. */
const cronDriven: Scheduler = { every: () => () => {} };

export async function buildWorkerSystem(
  env: WorkerEnv,
  bindings: Bindings,
  options: { fetch?: FetchLike; logger?: Logger } = {},
): Promise<WorkerSystem> {
  const logger =
    options.logger ?? createJsonLogger({ level: env.CTS_LOG_LEVEL, bindings: { service: 'cts-worker' } });
  const store = new DurableObjectLimiterStore(
    bindings.LIMITER,
    env.CTS_LIMITER_LOCATION ? { locationHint: env.CTS_LIMITER_LOCATION } : {},
  );
  const system = await createCtsSystem({
    // No connection cache (core's cacheConnections) here: many isolates share D1, and each would list its own stale
    // view of the others' writes. Every read goes to D1; the list route's ETag still spares unchanged replies.
    storage: await openWorkerStorage(env, bindings),
    masterKey: env.CTS_MASTER_KEY,
    previousMasterKeys: env.CTS_PREVIOUS_MASTER_KEYS,
    jwtSecret: env.CTS_JWT_SECRET,
    limiterStore: store,
    limiter: { recheckMs: 250 },
    scheduler: cronDriven,
    fetch: options.fetch,
    logger,
    exchangeBaseUrl: env.CTS_EXCHANGE_BASE_URL,
    egressRelays: env.CTS_EGRESS_RELAYS,
    // An isolate cannot hold a socket across requests: websocket health checks use REST plus the per-test stream.
    coordinator: { streamMonitors: false, egressIps: env.CTS_EGRESS_IPS },
    // The dispatcher runs from the cron and each request's waitUntil (no timers); no DNS on a Worker: literal checks.
    alerts: { allowHosts: env.CTS_ALERT_ALLOW_HOSTS, loop: false },
    adminUsers: env.CTS_ADMIN_USERS ? parseAdminUsers(env.CTS_ADMIN_USERS, 'CTS_ADMIN_USERS') : [],
    admin: {
      htmxSource,
      system: {
        version: pkg.version,
        database: env.CTS_DATABASE_URL ? `libSQL ${new URL(env.CTS_DATABASE_URL).origin}` : 'Cloudflare D1',
        // wrangler.jsonc: the Cron Trigger "*/5 * * * *" runs the health checks.
        nextScheduledRun: () => Math.ceil((Date.now() + 1) / 300_000) * 300_000,
        schedule: 'Cron Trigger every 5 min',
        egressIps: [...(env.CTS_EGRESS_IPS ?? [])],
      },
    },
  });
  // start() above ran recovery only (no timers): health aggregates from D1 samples, unfinished batches.
  const app = new Hono();
  app.route('/', createLimiterRoute({ store, secret: env.CTS_LIMITER_SECRET }));
  app.all('*', (c) => system.app.fetch(c.req.raw, c.env, c.executionCtx));
  const { coordinator, limiter, storage, alerts } = system;
  return { app, coordinator, limiter, storage, logger, env, alerts };
}
