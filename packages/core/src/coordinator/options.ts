import { AlertEmitter } from '../alerts/alert-emitter.ts';
import { lifecycleAlertListener } from '../alerts/lifecycle-alerts.ts';
import { type BreakerOptions, resolveBreakerOptions } from '../breaker/circuit-breaker.ts';
import type { ConnectionSecrets } from '../connections/connection.ts';
import { createConnector } from '../connectors/create-connector.ts';
import { ClockOffsetCache } from '../connectors/shared/clock-offset-cache.ts';
import type { Connector, ConnectorOptions } from '../connectors/types.ts';
import type { ExchangeId } from '../exchanges/catalog.ts';
import type { LifecycleEvent } from '../keys/key-events.ts';
import type { RequestGate } from '../limiter/gate.ts';
import { type Clock, systemClock } from '../ports/clock.ts';
import type { FetchLike } from '../ports/fetch.ts';
import { type Logger, noopLogger } from '../ports/logger.ts';
import type { WebSocketFactory } from '../ports/websocket.ts';
import { createTimerScheduler, type Scheduler } from '../scheduler/scheduler.ts';
import type { EncryptedBlob } from '../storage/encrypted-blob.ts';
import type { Storage } from '../storage/ports.ts';

/** What the coordinator needs of the credential vault (CredentialVault in ../crypto/vault.ts has this shape). */
export interface SecretVault {
  seal(connectionId: string, secrets: ConnectionSecrets): Promise<EncryptedBlob>;
  open(connectionId: string, blob: EncryptedBlob): Promise<ConnectionSecrets>;
}

export interface CoordinatorOptions {
  storage: Storage;
  vault: SecretVault;
  /** Every exchange request goes through it. @default openGate (no limiting) */
  limiter?: RequestGate;
  /** Usage (0..100) of the tightest limit window of an account, for health (RateLimiter.usage). @default () => 0 */
  limiterUsage?: (exchange: ExchangeId, account: string) => number | Promise<number>;
  /** @default systemClock */
  clock?: Clock;
  /** Runs periodic health checks and purges. @default createTimerScheduler() */
  scheduler?: Scheduler;
  /** @default core's createConnector */
  createConnector?: (options: ConnectorOptions) => Connector;
  /** The fetch connectors use (a simulator's, in tests and benches). @default the global fetch */
  fetch?: FetchLike;
  /** Replaces the exchanges' hosts (→ connector baseUrl), e.g. the simulator's URL. */
  exchangeBaseUrl?: string;
  /** Opens the private streams of `websocket` connections. @default the global WebSocket */
  webSocketFactory?: WebSocketFactory;
  /** @default noopLogger */
  logger?: Logger;
  /** @default 300000 (5 minutes) */
  healthCheckIntervalMs?: number;
  /** Batch tasks running at once per exchange. @default 10 */
  batchConcurrency?: number;
  /** Batch tasks running at once over all exchanges. @default Infinity (each exchange has its own slots) */
  batchMaxActive?: number;
  /** Connections per batch request; more is a ValidationError. @default 50 */
  maxBatchSize?: number;
  /**
   * Batch tasks that may wait in the queue; a batch request that would go past it is refused with QueueFullError
   * (HTTP 429 with Retry-After). Health rounds and single tests are not counted against it. @default 5000
   */
  maxQueuedTasks?: number;
  /** How long batch results are kept (purged hourly). @default 3600000 */
  resultTtlMs?: number;
  /** @default { failureThreshold: 3, cooldownMs: 60000 } */
  breaker?: BreakerOptions;
  /** Per-request timeout of connectors. @default 10000 */
  connectorTimeoutMs?: number;
  /** Retries of retryable request failures inside a connector (auth failures are never retried). @default 2 */
  connectorMaxRetries?: number;
  /** Window for uptime and success rate; health samples older than this are purged. @default 86400000 */
  uptimeWindowMs?: number;
  /** How long test results are kept. @default 604800000 (7 days) */
  testResultRetentionMs?: number;
  /** @default crypto.randomUUID */
  newId?: () => string;
  /**
   * Clock offsets shared by every connection's connector (per exchange, environment and host). null: every test
   * samples the time endpoint. @default a ClockOffsetCache on `clock` with a 5-minute TTL
   */
  clockOffsetCache?: ClockOffsetCache | null;
  /**
   * Keep one long-lived private stream (StreamMonitor: reconnects with backoff, re-authenticates, keeps listenKeys
   * alive) per active `websocket` connection while the coordinator is started; health checks and the breaker then
   * follow the stream. Turn it off where sockets cannot outlive a request (Cloudflare Workers). @default true
   */
  streamMonitors?: boolean;
  /**
   * The server's egress IPs (CTS_EGRESS_IPS): a key bound to IPs that lacks one is flagged `egress_not_whitelisted`
   * before the exchange refuses it. @default [] (not checked)
   */
  egressIps?: readonly string[];
  /**
   * Called with each key lifecycle event (a key audit newly reports expiry in 14/7/1 days, expired, an unbound
   * trading key, a withdraw-enabled key, egress IPs missing, a wrong region) and each maintenance window start/end.
   * A throwing listener is logged and ignored. @default none
   */
  onLifecycleEvent?: (event: LifecycleEvent) => void;
  /**
   * Read the exchanges' status endpoints (Bybit, Binance, OKX; at most once a minute per exchange, only while a
   * connection fails or a window is announced): a failure inside an announced maintenance window does not count
   * toward the breaker or uptime, and the connection is rechecked when the window ends. @default true
   */
  maintenanceStatus?: boolean;
  /** How often stored key audits are re-evaluated (days to expiry, tiers) without calling the exchange. @default 3600000 */
  keyAuditIntervalMs?: number;
  /**
   * Raises alert events (state changes, breaker, bans, clock offset, failed batches; key alerts from each new key
   * audit) into `storage.alerts`' outbox, in the same write as the state change or audit that caused them. null: no
   * alerts.
   * @default an AlertEmitter (1000 ms clock-offset threshold) when storage has `alerts`, else null
   */
  alerts?: AlertEmitter | null;
  /** Called after alert events were written, e.g. to wake the dispatcher. @default none */
  onAlertsQueued?: () => void;
}

export type ResolvedCoordinatorOptions = Required<
  Omit<CoordinatorOptions, 'limiter' | 'exchangeBaseUrl' | 'fetch' | 'webSocketFactory' | 'breaker'>
> & {
  limiter?: RequestGate;
  exchangeBaseUrl?: string;
  fetch?: FetchLike;
  webSocketFactory?: WebSocketFactory;
  breaker: Required<BreakerOptions>;
};

function positive(name: string, value: number, integer = false): number {
  if (!Number.isFinite(value) || value <= 0 || (integer && !Number.isInteger(value)))
    throw new TypeError(`${name}: must be a positive ${integer ? 'integer' : 'number'}`);
  return value;
}

function retries(value: number): number {
  if (!Number.isInteger(value) || value < 0)
    throw new TypeError('connectorMaxRetries: must be an integer >= 0');
  return value;
}

function flag(name: string, value: boolean): boolean {
  if (typeof value !== 'boolean') throw new TypeError(`${name}: must be a boolean`);
  return value;
}

function clockOffsetCache(value: ClockOffsetCache | null): ClockOffsetCache | null {
  if (value !== null && !(value instanceof ClockOffsetCache))
    throw new TypeError('clockOffsetCache: expected a ClockOffsetCache or null');
  return value;
}

function egressIps(value: readonly string[]): readonly string[] {
  if (!Array.isArray(value) || value.some((ip) => typeof ip !== 'string' || ip === ''))
    throw new TypeError('egressIps: expected an array of IP addresses (parseEgressIps reads CTS_EGRESS_IPS)');
  return value;
}

/** The host's lifecycle listener, plus the alerts the events raise when storage has an alert store. */
function withAlerts(
  o: CoordinatorOptions,
  listener: (event: LifecycleEvent) => void,
  logger: Logger,
): (event: LifecycleEvent) => void {
  if (!o.storage.alerts || o.alerts === null) return listener;
  const alerts = lifecycleAlertListener(o.storage.alerts, o.onAlertsQueued ?? (() => {}), logger);
  return (event) => {
    listener(event);
    alerts(event);
  };
}

function safeListener(
  listener: ((event: LifecycleEvent) => void) | undefined,
  logger: Logger,
): (event: LifecycleEvent) => void {
  if (listener === undefined) return () => {};
  if (typeof listener !== 'function') throw new TypeError('onLifecycleEvent: expected a function');
  return (event) => {
    try {
      listener(event);
    } catch (e) {
      logger.error('lifecycle listener failed', {
        type: event.type,
        error: e instanceof Error ? e.message : String(e),
      });
    }
  };
}

/** Validates the options and applies defaults; throws a TypeError naming the field and the rule. */
export function resolveCoordinatorOptions(o: CoordinatorOptions): ResolvedCoordinatorOptions {
  if (!o || typeof o !== 'object') throw new TypeError('options: expected an object');
  if (!o.storage?.connections || !o.storage.batches || !o.storage.healthSamples || !o.storage.testResults)
    throw new TypeError('storage: expected { connections, testResults, healthSamples, batches }');
  if (typeof o.vault?.seal !== 'function' || typeof o.vault.open !== 'function')
    throw new TypeError('vault: expected an object with seal(id, secrets) and open(id, blob)');
  if (o.exchangeBaseUrl !== undefined && !/^https?:\/\//.test(o.exchangeBaseUrl))
    throw new TypeError('exchangeBaseUrl: must be an http(s) URL');
  const logger = o.logger ?? noopLogger;
  const maxActive = o.batchMaxActive ?? Number.POSITIVE_INFINITY;
  if (maxActive !== Number.POSITIVE_INFINITY) positive('batchMaxActive', maxActive, true);
  return {
    storage: o.storage,
    vault: o.vault,
    limiter: o.limiter,
    limiterUsage: o.limiterUsage ?? (() => 0),
    clock: o.clock ?? systemClock,
    scheduler:
      o.scheduler ??
      createTimerScheduler({
        onError: (e) =>
          logger.error('scheduled job failed', { error: e instanceof Error ? e.message : String(e) }),
      }),
    createConnector: o.createConnector ?? createConnector,
    fetch: o.fetch,
    webSocketFactory: o.webSocketFactory,
    exchangeBaseUrl: o.exchangeBaseUrl,
    logger,
    healthCheckIntervalMs: positive('healthCheckIntervalMs', o.healthCheckIntervalMs ?? 300_000),
    batchConcurrency: positive('batchConcurrency', o.batchConcurrency ?? 10, true),
    batchMaxActive: maxActive,
    maxBatchSize: positive('maxBatchSize', o.maxBatchSize ?? 50, true),
    maxQueuedTasks: positive('maxQueuedTasks', o.maxQueuedTasks ?? 5000, true),
    resultTtlMs: positive('resultTtlMs', o.resultTtlMs ?? 3_600_000),
    breaker: resolveBreakerOptions(o.breaker),
    connectorTimeoutMs: positive('connectorTimeoutMs', o.connectorTimeoutMs ?? 10_000),
    connectorMaxRetries: retries(o.connectorMaxRetries ?? 2),
    uptimeWindowMs: positive('uptimeWindowMs', o.uptimeWindowMs ?? 86_400_000),
    testResultRetentionMs: positive('testResultRetentionMs', o.testResultRetentionMs ?? 7 * 86_400_000),
    newId: o.newId ?? (() => crypto.randomUUID()),
    streamMonitors: flag('streamMonitors', o.streamMonitors ?? true),
    egressIps: egressIps(o.egressIps ?? []),
    onLifecycleEvent: withAlerts(o, safeListener(o.onLifecycleEvent, logger), logger),
    maintenanceStatus: flag('maintenanceStatus', o.maintenanceStatus ?? true),
    keyAuditIntervalMs: positive('keyAuditIntervalMs', o.keyAuditIntervalMs ?? 3_600_000),
    alerts: o.storage.alerts ? (o.alerts === undefined ? new AlertEmitter() : o.alerts) : null,
    onAlertsQueued: o.onAlertsQueued ?? (() => {}),
    clockOffsetCache:
      o.clockOffsetCache === undefined
        ? new ClockOffsetCache({ clock: o.clock ?? systemClock })
        : clockOffsetCache(o.clockOffsetCache),
  };
}
