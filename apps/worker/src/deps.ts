/**
 * The Worker's composition root, mirroring apps/server/src/deps.ts: storage (D1 or remote libSQL, migrated), the
 * credential vault, the rate limiter over the LIMITER Durable Objects, the coordinator (no timers: the Cron Trigger
 * runs health checks), the API app with the admin UI at /admin, and the shared limiter's /limiter/* route.
 * Built once per isolate.
 */
import { createAdminApp, parseAdminUsers } from '@cts/admin';
import { createApp } from '@cts/api';
import {
  ConnectionCoordinator,
  CredentialVault,
  createJsonLogger,
  type FetchLike,
  type Logger,
  parseMasterKeys,
  RateLimiter,
  type Scheduler,
  type Storage,
} from '@cts/core';
import { Hono } from 'hono';
import pkg from '../package.json' with { type: 'json' };
import type { Bindings, WorkerEnv } from './env.ts';
import { htmxSource } from './htmx-source.ts';
import { DurableObjectLimiterStore } from './limiter/durable-object-store.ts';
import { createLimiterRoute } from './limiter/limiter-route.ts';
import { openWorkerStorage } from './storage.ts';

export interface WorkerSystem {
  /** /limiter/* first, then the API app (with /admin mounted). */
  app: Hono;
  coordinator: ConnectionCoordinator;
  limiter: RateLimiter;
  storage: Storage;
  logger: Logger;
  env: WorkerEnv;
}

/** Jobs are never run by timers in a Worker: the scheduled() handler calls the coordinator directly. */
const cronDriven: Scheduler = { every: () => () => {} };

export async function buildWorkerSystem(
  env: WorkerEnv,
  bindings: Bindings,
  options: { fetch?: FetchLike; logger?: Logger } = {},
): Promise<WorkerSystem> {
  const logger =
    options.logger ?? createJsonLogger({ level: env.CTS_LOG_LEVEL, bindings: { service: 'cts-worker' } });
  // No connection cache (core's cacheConnections) here: many isolates share D1, and each would list its own stale
  // view of the others' writes. Every read goes to D1; the list route's ETag still spares unchanged replies.
  const storage = await openWorkerStorage(env, bindings);
  const vault = await CredentialVault.fromKeys(
    await parseMasterKeys(env.CTS_MASTER_KEY, env.CTS_PREVIOUS_MASTER_KEYS ?? ''),
  );
  const store = new DurableObjectLimiterStore(
    bindings.LIMITER,
    env.CTS_LIMITER_LOCATION ? { locationHint: env.CTS_LIMITER_LOCATION } : {},
  );
  const limiter = new RateLimiter({ logger, store, recheckMs: 250 });
  const coordinator = new ConnectionCoordinator({
    storage,
    vault,
    limiter,
    // Health's rateLimitUsage: the coordinator passes the account scope its connectors acquire with.
    limiterUsage: (exchange, account) => limiter.usage(exchange, account),
    logger,
    scheduler: cronDriven,
    fetch: options.fetch,
    exchangeBaseUrl: env.CTS_EXCHANGE_BASE_URL,
    // An isolate cannot hold a socket across requests: websocket health checks use REST plus the per-test stream.
    streamMonitors: false,
  });
  await coordinator.start(); // recovery only: health aggregates from D1 samples, unfinished batches
  const admin = createAdminApp({
    coordinator,
    auth: {
      jwtSecret: env.CTS_JWT_SECRET,
      users: env.CTS_ADMIN_USERS ? parseAdminUsers(env.CTS_ADMIN_USERS, 'CTS_ADMIN_USERS') : [],
    },
    healthSamples: storage.healthSamples,
    basePath: '/admin',
    htmxSource,
    logger,
    system: {
      version: pkg.version,
      database: env.CTS_DATABASE_URL ? `libSQL ${new URL(env.CTS_DATABASE_URL).origin}` : 'Cloudflare D1',
      // wrangler.jsonc: the Cron Trigger "*/5 * * * *" runs the health checks.
      nextScheduledRun: () => Math.ceil((Date.now() + 1) / 300_000) * 300_000,
      schedule: 'Cron Trigger every 5 min',
    },
  });
  const api = createApp({
    coordinator,
    jwtSecret: env.CTS_JWT_SECRET,
    logger,
    limiterMetrics: () => limiter.metrics(),
    mounts: { '/admin': admin },
  });
  const app = new Hono();
  app.route('/', createLimiterRoute({ store, secret: env.CTS_LIMITER_SECRET }));
  app.all('*', (c) => api.fetch(c.req.raw, c.env, c.executionCtx));
  return { app, coordinator, limiter, storage, logger, env };
}
