import { type AdminDeps, type AdminUser, createAdminApp } from '@cts/admin';
import { type ApiDeps, createApp, verifyToken } from '@cts/api';
import {
  ConnectionCoordinator,
  type CoordinatorOptions,
  CredentialVault,
  createJsonLogger,
  type FetchLike,
  type LimiterStore,
  type Logger,
  parseMasterKeys,
  RateLimiter,
  type RateLimiterOptions,
  type Scheduler,
  type Storage,
  type WebSocketFactory,
} from '@cts/core';
import {
  createRelayFetch,
  createRelayWebSocketFactory,
  type EgressRelay,
  relayEgressIps,
} from '@cts/core/egress';
import { type Alerts, type AlertsOptions, createAlerts } from './alerts.ts';
import { loggingConnectorFactory } from './task-log.ts';

/**
 * What a host chooses; everything else (the vault, the limiter, the coordinator with its task log lines, health's
 * limiter usage, the API app with the admin UI) is built the same way on every host.
 */
export interface CtsSystemOptions {
  /** Storage, opened and migrated by the host (libSQL, D1, memory). */
  storage: Storage;
  /** `id:base64` (or bare base64) 32-byte master key; required unless `vault` is given. */
  masterKey?: string;
  /** Earlier master keys, comma-separated, still able to open credentials. @default none */
  previousMasterKeys?: string;
  /** A vault the host opened itself (e.g. to check stored credentials first). @default opened from masterKey */
  vault?: CredentialVault;
  /** HS256 secret for bearer tokens and admin sessions (at least 32 characters). */
  jwtSecret: string;
  /** Longest accepted bearer-token lifetime (exp − iat), seconds, for the API and the admin sign-in. @default 2592000 (30 days) */
  tokenMaxLifetimeS?: number;
  /** Where rate-limit state lives (HttpLimiterStore, a Durable Object store). @default this process's memory */
  limiterStore?: LimiterStore;
  /** Limiter tuning, e.g. `recheckMs` for a shared store. @default RateLimiter's defaults */
  limiter?: Omit<RateLimiterOptions, 'store' | 'logger'>;
  /** Runs periodic health checks and purges. @default timers (createTimerScheduler) */
  scheduler?: Scheduler;
  /** The fetch connectors use. @default the global fetch */
  fetch?: FetchLike;
  /**
   * Egress relays (CTS_EGRESS_RELAYS): exchange calls of the exchanges they serve leave from the relays' static IPs
   * (core's createRelayFetch over `fetch`), and their IPs join the key audit's egress IPs and the admin's System page.
   * @default [] (direct egress)
   */
  egressRelays?: readonly EgressRelay[];
  /** Open private streams through the relays too (a WebSocket upgrade the relay splices). @default true */
  egressRelayStreams?: boolean;
  /** Opens private streams of websocket connections. @default the global WebSocket */
  webSocketFactory?: WebSocketFactory;
  /** @default a JSON logger at info with `{ service: 'cts' }` */
  logger?: Logger;
  /** Sends every exchange request to `${url}/${exchange}` (the simulator). @default the exchanges' own hosts */
  exchangeBaseUrl?: string;
  /** Further coordinator options (tuning, streamMonitors, clock); they win over what is built here. @default none */
  coordinator?: Partial<CoordinatorOptions>;
  /** Further API options (mounts beside /admin, body limit, metrics). @default none */
  api?: Partial<Omit<ApiDeps, 'coordinator' | 'jwtSecret'>>;
  /** Options of the admin UI mounted at /admin (e.g. htmxSource), or false for no admin UI. @default {} */
  admin?: false | Partial<Omit<AdminDeps, 'coordinator'>>;
  /** Named admin users (PBKDF2 hashes) who sign in to the admin with a password. @default [] (token sign-in only) */
  adminUsers?: AdminUser[];
  /** Starts the coordinator (recovery, then timers). @default true */
  start?: boolean;
  /** How long close() lets running tasks finish before parking them. @default 10000 */
  shutdownGraceMs?: number;
  /**
   * Alerts (when storage has an alert store): destinations allowed beyond the rules, the DNS resolver, dispatcher
   * tuning, whether it runs its own loop; false for none. @default {} (loop on, literal destination checks)
   */
  alerts?: false | AlertsOptions;
  /** Called last by close(), e.g. to close the database client. @default none */
  onClose?: () => void | Promise<void>;
}

/** The system a host serves. */
export interface CtsSystem {
  /** The API app, with the admin UI at /admin. */
  app: ReturnType<typeof createApp>;
  coordinator: ConnectionCoordinator;
  limiter: RateLimiter;
  storage: Storage;
  logger: Logger;
  /** The alert dispatcher and channel service; null without an alert store (or with `alerts: false`). */
  alerts: Alerts | null;
  /** Stops taking work, finishes or parks running tasks, then runs onClose. Idempotent. */
  close(): Promise<void>;
}

/** The credential vault of `masterKey` (and `previousMasterKeys`). */
export async function openVault(options: Pick<CtsSystemOptions, 'masterKey' | 'previousMasterKeys'>) {
  if (!options.masterKey) throw new TypeError('masterKey: required (or pass vault)');
  return CredentialVault.fromKeys(await parseMasterKeys(options.masterKey, options.previousMasterKeys ?? ''));
}

/**
 * The one composition root of CTS, called by every host (Node, Bun, Deno, the Cloudflare Worker), the tests, the
 * demo and the benches.
 *
 * @example
 * const cts = await createCtsSystem({ storage: createMemoryStorage(), masterKey, jwtSecret });
 * const res = await cts.app.request('/api/system/status', { headers: { authorization: `Bearer ${token}` } });
 * await cts.close();
 */
export async function createCtsSystem(options: CtsSystemOptions): Promise<CtsSystem> {
  const logger = options.logger ?? createJsonLogger({ bindings: { service: 'cts' } });
  const { storage } = options;
  const relays = options.egressRelays ?? [];
  const fetch = relays.length
    ? createRelayFetch({ relays, fetch: options.fetch, exchangeBaseUrl: options.exchangeBaseUrl })
    : options.fetch;
  const webSocketFactory =
    relays.length && options.egressRelayStreams !== false
      ? createRelayWebSocketFactory({
          relays,
          factory: options.webSocketFactory,
          exchangeBaseUrl: options.exchangeBaseUrl,
        })
      : options.webSocketFactory;
  // The IPs exchanges see: the relays' and, for exchanges no relay serves, the host's own (CTS_EGRESS_IPS).
  const egressIps = [...new Set([...(options.coordinator?.egressIps ?? []), ...relayEgressIps(relays)])];
  const vault = options.vault ?? (await openVault(options));
  const limiter = new RateLimiter({
    ...options.limiter,
    logger,
    ...(options.limiterStore ? { store: options.limiterStore } : {}),
  });
  const alerts =
    options.alerts !== false && storage.alerts
      ? createAlerts({ store: storage.alerts, vault, logger, options: options.alerts })
      : null;
  const coordinator = new ConnectionCoordinator({
    storage,
    vault,
    limiter,
    // New alert events wake the dispatcher (on a Worker, the request's waitUntil finishes the run).
    ...(alerts ? { onAlertsQueued: () => alerts.dispatcher.kick() } : {}),
    // Health's rateLimitUsage: the coordinator passes the account scope its connectors acquire with.
    limiterUsage: (exchange, account) => limiter.usage(exchange, account),
    logger,
    createConnector: loggingConnectorFactory(logger),
    ...(options.scheduler ? { scheduler: options.scheduler } : {}),
    ...(fetch ? { fetch } : {}),
    ...(webSocketFactory ? { webSocketFactory } : {}),
    ...(options.exchangeBaseUrl ? { exchangeBaseUrl: options.exchangeBaseUrl } : {}),
    ...options.coordinator,
    egressIps,
  });
  if (options.start !== false) await coordinator.start();
  const alertLoop = options.alerts !== false && options.alerts?.loop !== false;
  if (alerts && options.start !== false && alertLoop) alerts.dispatcher.start();
  const mounts = { ...options.api?.mounts };
  if (options.admin !== false)
    mounts['/admin'] = createAdminApp({
      coordinator,
      auth: {
        jwtSecret: options.jwtSecret,
        users: options.adminUsers ?? [],
        // The API's own token rules (lifetime, future iat), so a token refused there is refused here.
        verifyToken: (token) =>
          verifyToken(options.jwtSecret, token, { maxLifetimeS: options.tokenMaxLifetimeS }).catch(
            () => null,
          ),
      },
      healthSamples: storage.healthSamples,
      // Stored sessions (libSQL, D1): sign-out revokes a session server-side (a copied cookie stops working).
      sessions: storage.sessions,
      basePath: '/admin',
      logger,
      ...(alerts ? { alerts: alerts.service } : {}),
      ...options.admin,
      // The host's own IPs (CTS_EGRESS_IPS) and the relays': every IP a key must list.
      system: {
        ...options.admin?.system,
        egressIps: [...new Set([...(options.admin?.system?.egressIps ?? []), ...egressIps])],
      },
    });
  const app = createApp({
    logger,
    limiterMetrics: () => limiter.metrics(),
    ...(alerts ? { alerts: alerts.service } : {}),
    ...options.api,
    coordinator,
    jwtSecret: options.jwtSecret,
    ...(options.tokenMaxLifetimeS !== undefined ? { tokenMaxLifetimeS: options.tokenMaxLifetimeS } : {}),
    mounts,
  });
  let closing: Promise<void> | undefined;
  return {
    app,
    coordinator,
    limiter,
    storage,
    logger,
    alerts,
    close() {
      closing ??= (async () => {
        await coordinator.stop({ graceMs: options.shutdownGraceMs ?? 10_000 });
        await alerts?.dispatcher.stop();
        await options.onClose?.();
      })();
      return closing;
    },
  };
}
