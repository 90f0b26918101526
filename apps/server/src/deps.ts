/**
 * The server's composition: storage (libSQL, migrated; behind the write-through connection cache unless the database
 * is remote) and the limiter store (memory saved to the database, or a fleet's shared one), handed to @cts/runtime's
 * createCtsSystem, which builds everything else the same way as the Worker. Every host (Node, Bun, Deno), the tests,
 * the demo and the bench build the system here.
 */
import type { AdminUser } from '@cts/admin';
import { issueToken, parseTtl } from '@cts/api';
import {
  type CoordinatorOptions,
  cacheConnections,
  createJsonLogger,
  type FetchLike,
  HttpLimiterStore,
  type Logger,
  PersistedLimiterStore,
  type Storage,
} from '@cts/core';
import type { EgressRelay } from '@cts/core/egress';
import { createMemoryStorage } from '@cts/core/storage/memory';
import { createDb, createLibsqlClient, createLibsqlStorage, LibsqlLimiterStateRepo, migrate } from '@cts/db';
import type { AlertsOptions } from '@cts/runtime';
import { type CtsSystem, createCtsSystem, openVault } from '@cts/runtime';
import pkg from '../package.json' with { type: 'json' };
import { loadAdminUsers } from './admin-users.ts';
import { checkCredentials } from './credential-check.ts';
import { describeDatabase } from './describe-database.ts';
import { resolveAll } from './dns-resolve.ts';
import { connectionCacheOf, type Env } from './env.ts';
import { resolveSecrets } from './secrets.ts';

export interface CtsConfig {
  /** libSQL URL (`file:…`, `:memory:`, `libsql://…`), or `memory` for core's in-memory storage (benches, demos). */
  databaseUrl: string;
  /** Auth token of a remote libSQL database. @default none */
  databaseAuthToken?: string;
  /** `id:base64` (or bare base64) 32-byte master key. */
  masterKey: string;
  previousMasterKeys?: string;
  jwtSecret: string;
  /** Sends every exchange request to `${url}/${exchange}` (the simulator). */
  exchangeBaseUrl?: string;
  /**
   * Share rate limits with a fleet: the CTS Worker's URL and its CTS_LIMITER_SECRET; limiter state then lives in the
   * Worker's Durable Objects (HttpLimiterStore). @default this process's memory, saved to a libSQL database every
   * second and on close (PersistedLimiterStore: the windows survive a restart)
   */
  sharedLimiter?: { url: string; secret: string };
  /** @default a JSON logger at info */
  logger?: Logger;
  /** The fetch connectors use. @default the global fetch */
  fetch?: FetchLike;
  /** How long stop() lets running tasks finish before parking them. @default 10000 */
  shutdownGraceMs?: number;
  /** Longest accepted bearer-token lifetime, seconds (API and admin sign-in). @default 2_592_000 (30 days) */
  tokenMaxLifetimeS?: number;
  /** Mount the admin UI at /admin. @default true */
  admin?: boolean;
  /** Named admin users (PBKDF2 hashes) who sign in to the admin with a password. @default [] (token sign-in only) */
  adminUsers?: AdminUser[];
  /** Static bearer token for /metrics (CTS_METRICS_TOKEN). @default none: a viewer or admin JWT */
  metricsToken?: string;
  /** Per-connection rate-limit series on /metrics. @default false */
  metricsPerConnection?: boolean;
  /** Batch tasks that may wait in the queue before batch requests get 429. @default 5000 */
  maxQueuedTasks?: number;
  /** The server's egress IPs (CTS_EGRESS_IPS), checked against each key's IP list. @default [] */
  egressIps?: readonly string[];
  /** Egress relays (CTS_EGRESS_RELAYS): exchange calls leave from their IPs. @default [] (direct egress) */
  egressRelays?: readonly EgressRelay[];
  /** Key lifecycle and maintenance events (for alerts). @default none */
  onLifecycleEvent?: CoordinatorOptions['onLifecycleEvent'];
  /** Coordinator tuning passed through (tests shorten intervals). */
  healthCheckIntervalMs?: number;
  /**
   * The write-through connection cache (core's cacheConnections): lists and reads come from memory, writes go to
   * storage and update it. Right only when this process is the one writer of the connections table; `maxAgeMs`
   * also re-reads storage that often, for databases other processes write too.
   * @default true for `memory`, `:memory:` and `file:` databases (this process owns them), false for remote libSQL
   */
  connectionCache?: boolean | { maxAgeMs: number };
  /** Alert destinations allowed beyond the rules, and dispatcher tuning (DNS is always checked here). @default none */
  alerts?: Pick<AlertsOptions, 'allowHosts' | 'dispatcher'>;
}

export type Cts = CtsSystem;

async function openStorage(
  url: string,
  authToken?: string,
  persistLimiter = true,
): Promise<{ storage: Storage; close: () => void; limiterStore?: PersistedLimiterStore }> {
  if (url === 'memory') return { storage: createMemoryStorage(), close: () => {} };
  const client = createLibsqlClient(url, authToken);
  const db = createDb(client);
  await migrate(db);
  // The limiter's windows survive a restart where the data lives (nothing to keep in a :memory: database).
  const limiterStore =
    url === ':memory:' || !persistLimiter
      ? undefined
      : await PersistedLimiterStore.open({ repo: new LibsqlLimiterStateRepo(db) });
  return { storage: createLibsqlStorage(db), close: () => client.close(), limiterStore };
}

/** Remote libSQL (`libsql:`, `http(s):`, `ws(s):`) may have other writers; local files and memory are this process's. */
function cacheFor(config: CtsConfig): false | { maxAgeMs?: number } {
  const option = config.connectionCache ?? !/^(libsql|https?|wss?):/i.test(config.databaseUrl);
  return option === true ? {} : option;
}

/** Builds the whole system from explicit configuration (no environment access). */
export async function createCts(config: CtsConfig): Promise<Cts> {
  const opened = await openStorage(config.databaseUrl, config.databaseAuthToken, !config.sharedLimiter);
  const close = async () => {
    await opened.limiterStore?.close();
    opened.close();
  };
  const cache = cacheFor(config);
  const logger = config.logger ?? createJsonLogger({ bindings: { service: 'cts' } });
  const storage = cache ? cacheConnections(opened.storage, cache) : opened.storage;
  const limiterStore = config.sharedLimiter
    ? new HttpLimiterStore(config.sharedLimiter)
    : opened.limiterStore;
  const startedAt = Date.now();
  const every = config.healthCheckIntervalMs ?? 300_000; // the coordinator's default
  const system = {
    version: pkg.version,
    database: describeDatabase(config.databaseUrl),
    startedAt,
    // The coordinator's scheduler ticks every `every` ms from start.
    nextScheduledRun: () => startedAt + Math.ceil((Date.now() - startedAt + 1) / every) * every,
    schedule: `every ${Math.round(every / 60_000)} min`,
    egressIps: [...(config.egressIps ?? [])],
  };
  try {
    const vault = await openVault(config);
    await checkCredentials(storage, vault, logger);
    return await createCtsSystem({
      storage,
      vault,
      jwtSecret: config.jwtSecret,
      tokenMaxLifetimeS: config.tokenMaxLifetimeS,
      ...(limiterStore ? { limiterStore } : {}),
      logger,
      fetch: config.fetch,
      exchangeBaseUrl: config.exchangeBaseUrl,
      egressRelays: config.egressRelays ?? [],
      admin: config.admin === false ? false : { system },
      adminUsers: config.adminUsers ?? [],
      api: { metricsToken: config.metricsToken, metricsPerConnection: config.metricsPerConnection },
      coordinator: {
        egressIps: config.egressIps ?? [],
        ...(config.onLifecycleEvent ? { onLifecycleEvent: config.onLifecycleEvent } : {}),
        ...(config.healthCheckIntervalMs ? { healthCheckIntervalMs: config.healthCheckIntervalMs } : {}),
        ...(config.maxQueuedTasks ? { maxQueuedTasks: config.maxQueuedTasks } : {}),
      },
      shutdownGraceMs: config.shutdownGraceMs,
      alerts: { ...config.alerts, resolve: resolveAll },
      onClose: close,
    });
  } catch (err) {
    await close();
    throw err;
  }
}

function sharedLimiterOf(env: Env): { sharedLimiter?: { url: string; secret: string } } {
  const { CTS_LIMITER_URL: url, CTS_LIMITER_SECRET: secret } = env;
  if ((url === undefined) !== (secret === undefined))
    throw new TypeError('CTS_LIMITER_URL, CTS_LIMITER_SECRET: set both (shared limiter) or neither');
  return url && secret ? { sharedLimiter: { url, secret } } : {};
}

/** What a host needs: the system built from the environment, and first-start information to print. */
export async function buildServer(
  env: Env,
): Promise<Cts & { firstStart: { generated: string[]; firstStartToken?: string } }> {
  const secrets = resolveSecrets({
    dataDir: env.CTS_DATA_DIR,
    masterKey: env.CTS_MASTER_KEY,
    jwtSecret: env.CTS_JWT_SECRET,
  });
  const logger = createJsonLogger({ level: env.CTS_LOG_LEVEL, bindings: { service: 'cts' } });
  const cts = await createCts({
    databaseUrl: env.CTS_DATABASE_URL,
    databaseAuthToken: env.CTS_DATABASE_AUTH_TOKEN,
    masterKey: secrets.masterKey,
    previousMasterKeys: [env.CTS_PREVIOUS_MASTER_KEYS, secrets.previousMasterKeys].filter(Boolean).join(','),
    jwtSecret: secrets.jwtSecret,
    exchangeBaseUrl: env.CTS_EXCHANGE_BASE_URL,
    egressIps: env.CTS_EGRESS_IPS,
    egressRelays: env.CTS_EGRESS_RELAYS,
    ...sharedLimiterOf(env),
    logger,
    shutdownGraceMs: env.CTS_SHUTDOWN_GRACE_MS,
    connectionCache: connectionCacheOf(env.CTS_CONNECTION_CACHE),
    tokenMaxLifetimeS: parseTtl(env.CTS_TOKEN_MAX_TTL),
    maxQueuedTasks: env.CTS_MAX_QUEUED_TASKS,
    metricsToken: env.CTS_METRICS_TOKEN,
    metricsPerConnection: env.CTS_METRICS_PER_CONNECTION,
    adminUsers: loadAdminUsers(env),
    alerts: {
      allowHosts: env.CTS_ALERT_ALLOW_HOSTS,
      dispatcher: {
        reminderIntervalMs: env.CTS_ALERT_REMINDER_MS,
        flapWindowMs: env.CTS_ALERT_FLAP_WINDOW_MS,
        leaseMs: env.CTS_ALERT_LEASE_MS,
        baseDelayMs: env.CTS_ALERT_RETRY_BASE_MS,
      },
    },
  });
  let firstStartToken: string | undefined;
  if (secrets.generated.includes('CTS_JWT_SECRET'))
    firstStartToken = await issueToken({
      secret: secrets.jwtSecret,
      sub: 'first-start',
      role: 'admin',
      ttl: '1h',
    });
  return { ...cts, firstStart: { generated: secrets.generated, firstStartToken } };
}
