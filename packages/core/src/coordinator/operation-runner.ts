import { keyAuditAlerts } from '../alerts/key-audit-alerts.ts';
import { abortable } from '../async/abortable.ts';
import type { ConnectionRecord } from '../connections/connection.ts';
import { canTransition, transition } from '../connections/state-machine.ts';
import { accountScope } from '../connectors/shared/options.ts';
import type {
  Balance,
  CallOptions,
  Connector,
  ConnectorOptions,
  Permissions,
  TestResult,
} from '../connectors/types.ts';
import { CtsError, errorLabel, toCtsError } from '../errors/cts-error.ts';
import type { KeyAudit } from '../keys/key-audit.ts';
import { withWrongRegion } from '../keys/key-audit.ts';
import { openGate } from '../limiter/gate.ts';
import { REQUEST_PRIORITY } from '../limiter/priority.ts';
import type { MaintenanceMonitor, MaintenanceWindow } from '../maintenance/index.ts';
import type { ConnectionWrite, TaskType } from '../storage/ports.ts';
import type { ConnectionRuntime, RuntimeRegistry } from './connection-runtime.ts';
import { auditConnectionKey, emitKeyEvents } from './key-lifecycle.ts';
import type { KeyedLock } from './keyed-lock.ts';
import type { ResolvedCoordinatorOptions } from './options.ts';
import { isAuthFailure, isOutcomeUnknown, outcomeEvent } from './outcome-policy.ts';
import { detectRegion, mayBeOtherRegion } from './region-detect.ts';
import type { StreamVerdict } from './stream-monitors.ts';

/** What one operation on a connection produced. `skipped`: the breaker refused it and nothing was sent. */
export interface OperationResult {
  type: TaskType;
  success: boolean;
  skipped: boolean;
  error: CtsError | null;
  test?: TestResult;
  balance?: Balance;
  permissions?: Permissions;
  /** The exchange's announced maintenance window covering the failure (it then does not count). */
  maintenance?: MaintenanceWindow | null;
  /** The key audit of `permissions` (set whenever they were read). */
  keyAudit?: KeyAudit;
  clockOffsetMs?: number;
  record: ConnectionRecord | null;
}

/**
 * Runs tests, balance, capability and health calls on one connection: through its breaker and the limiter, on a
 * cached connector; then records the outcome (health sample, test result, breaker, state) in that order, so a crash
 * leaves at worst an outcome recorded and its task re-run, never a half-written row.
 */
export class OperationRunner {
  readonly #o: ResolvedCoordinatorOptions;
  readonly #registry: RuntimeRegistry;
  readonly #lock: KeyedLock;
  readonly #onBreakerOpened: (id: string, nextProbeAt: number) => void;
  readonly #streamVerdict: (id: string) => Promise<StreamVerdict>;
  readonly #onRecorded: (record: ConnectionRecord) => void;
  readonly #maintenance: MaintenanceMonitor | null;
  readonly #onMaintenance: (id: string, endsAt: number) => void;

  constructor(deps: {
    options: ResolvedCoordinatorOptions;
    registry: RuntimeRegistry;
    lock: KeyedLock;
    onBreakerOpened: (id: string, nextProbeAt: number) => void;
    /** A websocket connection's long-lived stream, for health checks. @default none */
    streamVerdict?: (id: string) => Promise<StreamVerdict>;
    /** Called with the record after each recorded outcome. @default none */
    onRecorded?: (record: ConnectionRecord) => void;
    /** The exchanges' maintenance windows. @default none (every failure counts) */
    maintenance?: MaintenanceMonitor | null;
    /** A failure fell inside a maintenance window ending at `endsAt`: recheck then. @default none */
    onMaintenance?: (id: string, endsAt: number) => void;
  }) {
    this.#o = deps.options;
    this.#registry = deps.registry;
    this.#lock = deps.lock;
    this.#onBreakerOpened = deps.onBreakerOpened;
    this.#streamVerdict = deps.streamVerdict ?? (async () => null);
    this.#onRecorded = deps.onRecorded ?? (() => {});
    this.#maintenance = deps.maintenance ?? null;
    this.#onMaintenance = deps.onMaintenance ?? (() => {});
  }

  /** Looks up the exchange's maintenance for this outcome (a read at most once a minute, see MaintenanceMonitor). */
  async #checkMaintenance(exchange: ConnectionRecord['exchange'], r: OperationResult): Promise<void> {
    if (!this.#maintenance) return;
    if (r.success) {
      // Only reads while a window is announced.
      this.#maintenance.refresh(exchange, { failing: false }).catch(() => {});
      return;
    }
    if (isAuthFailure(r.error?.code)) return;
    r.maintenance = await this.#maintenance.refresh(exchange, { failing: true }).catch(() => null);
  }

  /**
   * `signal` cancels the operation's calls (they leave the limiter queue, no retry is sent); `priority` is their
   * place in the limiter's queue. `onStep` receives a test's step lines as they happen.
   * @default priority REQUEST_PRIORITY.operator
   */
  async perform(
    record: ConnectionRecord,
    type: TaskType,
    signal?: AbortSignal,
    onStep?: (line: string) => void,
    priority: number = REQUEST_PRIORITY.operator,
  ): Promise<OperationResult> {
    const rt = this.#registry.get(record.id);
    let ticket: 'call' | 'probe';
    try {
      ticket = rt.breaker.acquire();
    } catch (err) {
      return { type, success: false, skipped: true, error: toCtsError(err), record };
    }
    const started = this.#o.clock.now();
    const result: OperationResult = { type, success: false, skipped: false, error: null, record };
    try {
      const connector = await this.connector(record, rt);
      await abortable(this.#call(connector, type, result, { signal, priority }, onStep), signal);
      if (type === 'health' && result.success) {
        // A websocket connection's health is also its long-lived stream's: down while it reconnects.
        const stream = await this.#streamVerdict(record.id);
        if (stream && !stream.success) {
          result.success = false;
          result.error = stream.error;
        }
      }
    } catch (err) {
      if (signal?.aborted) {
        if (ticket === 'probe') rt.breaker.releaseProbe();
        throw err;
      }
      result.success = false;
      result.error = toCtsError(err);
    }
    if (result.error?.code === 'internal') this.#logInternal(record, type, result.error);
    if (result.permissions) this.#audit(record, result);
    else if (!result.success && mayBeOtherRegion(record.exchange, result.error?.exchangeCode))
      await this.#detectRegion(record, result).catch(() => {});
    const elapsed = this.#o.clock.now() - started;
    await this.#checkMaintenance(record.exchange, result);
    result.record = await this.#record(record.id, rt, result, started, elapsed, ticket === 'probe');
    if (result.record) this.#onRecorded(result.record);
    return result;
  }

  /**
   * Records an outcome observed without a call (a long-lived stream opening or failing): health sample, breaker
   * and state, as for a health check.
   */
  async recordOutcome(
    id: string,
    outcome: { success: boolean; error: CtsError | null; responseTimeMs: number },
  ): Promise<ConnectionRecord | null> {
    const rt = this.#registry.get(id);
    const now = this.#o.clock.now();
    const result: OperationResult = {
      type: 'health',
      success: outcome.success,
      skipped: false,
      error: outcome.error,
      record: null,
    };
    const known = await this.#o.storage.connections.get(id);
    if (known) await this.#checkMaintenance(known.exchange, result);
    const record = await this.#record(id, rt, result, now, outcome.responseTimeMs, false);
    if (record) this.#onRecorded(record);
    return record;
  }

  /** The cached connector of a connection, rebuilt when its settings change. */
  async connector(record: ConnectionRecord, rt = this.#registry.get(record.id)): Promise<Connector> {
    const fingerprint = [
      record.api_type,
      record.environment,
      record.region,
      record.key_type,
      record.api_key_masked,
    ].join('|');
    if (rt.connector?.fingerprint !== fingerprint) {
      const value = this.#build(record);
      rt.connector = { fingerprint, account: '', value };
      value.catch(() => {
        if (rt.connector?.value === value) rt.connector = undefined;
      });
    }
    return rt.connector.value;
  }

  /** The limiter's account scope of a connection, once its connector was built ('' before). */
  account(id: string): string {
    return this.#registry.peek(id)?.connector?.account ?? '';
  }

  invalidate(id: string): void {
    const rt = this.#registry.peek(id);
    if (rt) rt.connector = undefined;
  }

  async #build(record: ConnectionRecord): Promise<Connector> {
    const options = await this.connectorOptions(record);
    const rt = this.#registry.get(record.id);
    if (rt.connector) rt.connector.account = accountScope(options);
    try {
      return this.#o.createConnector(options);
    } catch (err) {
      // A connector that cannot be built (no connector for the exchange yet, a key type it refuses) is not a network
      // failure: report it as such.
      throw err instanceof TypeError ? new CtsError('not_supported', err.message, { cause: err }) : err;
    }
  }

  /** A connection's connector options: its opened credentials, the limiter (observed), clock, fetch, base URL. */
  async connectorOptions(record: ConnectionRecord): Promise<ConnectorOptions> {
    const blob = await this.#o.storage.connections.getCredentials(record.id);
    if (!blob) throw new CtsError('auth.failed', `Connection ${record.id} has no stored credentials`);
    const secrets = await this.#o.vault.open(record.id, blob);
    const options: ConnectorOptions = {
      exchange: record.exchange,
      apiType: record.api_type,
      environment: record.environment,
      ...(record.region ? { region: record.region } : {}),
      credentials: {
        apiKey: secrets.apiKey,
        apiSecret: secrets.apiSecret,
        passphrase: secrets.passphrase,
        keyType: record.key_type,
      },
      clock: this.#o.clock,
      timeoutMs: this.#o.connectorTimeoutMs,
      maxRetries: this.#o.connectorMaxRetries,
      limiter: this.#o.limiter ?? openGate,
      logger: this.#o.logger,
    };
    if (this.#o.fetch) options.fetch = this.#o.fetch;
    if (this.#o.webSocketFactory) options.webSocketFactory = this.#o.webSocketFactory;
    if (this.#o.clockOffsetCache) options.clockOffsetCache = this.#o.clockOffsetCache;
    if (this.#o.exchangeBaseUrl) options.baseUrl = this.#o.exchangeBaseUrl;
    return options;
  }

  async #call(
    connector: Connector,
    type: TaskType,
    out: OperationResult,
    call: CallOptions,
    onStep?: (line: string) => void,
  ): Promise<void> {
    if (type === 'test') {
      const test = await connector.testConnection(onStep ? { ...call, onStep } : call);
      out.test = test;
      out.success = test.success;
      if (test.balance) out.balance = test.balance;
      if (test.permissions) out.permissions = test.permissions;
      if (test.clockOffsetMs !== null) out.clockOffsetMs = test.clockOffsetMs;
      if (test.error) out.error = test.failure ?? CtsError.fromJSON(test.error);
      return;
    }
    if (type === 'health') out.clockOffsetMs = (await connector.syncClock(1, call)).offsetMs;
    if (type === 'health' || type === 'balance') out.balance = await connector.getBalance(call);
    if (type === 'capabilities') out.permissions = await connector.getPermissions(call);
    out.success = true;
  }

  /**
   * A key refused as unknown (OKX 50119): tries the exchange's other regions (through the limiter) and, when one
   * accepts the key, says so in the error's hint and the key audit (flag wrong_region).
   */
  async #detectRegion(record: ConnectionRecord, result: OperationResult): Promise<void> {
    const match = await detectRegion(this.#o.createConnector, await this.connectorOptions(record));
    if (!match) return;
    const audit = withWrongRegion(auditConnectionKey(this.#o, record, match.permissions), match.hint);
    result.keyAudit = audit;
    const error = result.error;
    if (error)
      result.error = new CtsError(error.code, error.message, {
        exchangeCode: error.exchangeCode,
        hint: match.hint,
      });
    if (!result.test) return;
    result.test.keyAudit = audit;
    if (result.test.error) result.test.error = { ...result.test.error, hint: match.hint };
    result.test.log.push(`[${new Date(this.#o.clock.now()).toISOString()}] Hint: ${match.hint}`);
    result.test.warnings.push(match.hint);
  }

  /** Audits the key from the permissions just read; a test carries the audit and its hint as a warning. */
  #audit(record: ConnectionRecord, result: OperationResult): void {
    const audit = auditConnectionKey(this.#o, record, result.permissions as Permissions);
    result.keyAudit = audit;
    if (!result.test) return;
    result.test.keyAudit = audit;
    if (audit.hint && !result.test.warnings.includes(audit.hint)) result.test.warnings.push(audit.hint);
  }

  /** A bug inside CTS: logged at error with the stack's frames (never the runtime's message text). */
  #logInternal(record: ConnectionRecord, type: TaskType, error: CtsError): void {
    const cause = error.cause instanceof Error ? error.cause : error;
    this.#o.logger.error('internal error', {
      connectionId: record.id,
      exchange: record.exchange,
      operation: type,
      error: errorLabel(cause),
      stack: cause.stack?.split('\n').slice(1).join('\n'),
    });
  }

  /** The wait the exchange asked for, carried on the error: a ban's end, else Retry-After. */
  #retryAfter(error: CtsError | null): { ms?: number; banned: boolean } {
    if (error?.bannedUntil !== undefined)
      return { ms: Math.max(0, error.bannedUntil - this.#o.clock.now()), banned: true };
    return { ms: error?.retryAfterMs, banned: error?.code === 'banned' };
  }

  async #record(
    id: string,
    rt: ConnectionRuntime,
    r: OperationResult,
    started: number,
    elapsed: number,
    probe: boolean,
  ): Promise<ConnectionRecord | null> {
    return this.#lock.run(id, async () => {
      const current = await this.#o.storage.connections.get(id);
      if (!current) return null; // deleted meanwhile: nothing to record
      const now = this.#o.clock.now();
      const code = r.error?.code;
      // Inside an announced maintenance window, or with an unknown outcome (Binance -1007), a failure is not the
      // key's: it counts toward neither the breaker nor uptime.
      const excused = !r.success && (!!r.maintenance || isOutcomeUnknown(current.exchange, r.error));
      let opened = false;
      const breakerWas = rt.breaker.state;
      let wait: { ms?: number; banned: boolean } | undefined;
      if (r.success) rt.breaker.onSuccess();
      else if (excused && probe) rt.breaker.releaseProbe();
      else if (!isAuthFailure(code) && !excused) {
        wait = this.#retryAfter(r.error);
        opened = rt.breaker.onFailure({
          code: wait.banned ? 'banned' : (code ?? 'exchange'),
          retryAfterMs: wait.ms,
        });
      }
      if (!excused)
        rt.health.record({ at: now, success: r.success, responseTimeMs: elapsed, errorCode: code ?? null });
      if (r.clockOffsetMs !== undefined) rt.health.clockOffsetMs = r.clockOffsetMs;
      if (r.permissions)
        rt.health.keyExpiresAt = r.keyAudit?.expires_at
          ? Date.parse(r.keyAudit.expires_at)
          : r.permissions.expiresAt;
      const s = this.#o.storage;
      if (!excused)
        await s.healthSamples.add({
          connectionId: id,
          at: now,
          success: r.success,
          responseTimeMs: elapsed,
          errorCode: code ?? null,
        });
      if (r.test)
        await s.testResults.add({
          id: this.#o.newId(),
          connectionId: id,
          startedAt: started,
          result: r.test,
        });

      const patch: Partial<ConnectionWrite> = {};
      const event = outcomeEvent(current.state, { success: r.success, code, breakerOpened: opened, probe });
      if (event && canTransition(current.state, event)) {
        const next = transition(current.state, event);
        if (next !== current.state) patch.state = next;
      }
      if (r.test) {
        patch.last_test_at = started;
        patch.last_test_success = r.success;
      }
      if (r.success && (r.test || patch.state)) patch.last_error = null;
      if (!r.success && (r.test || patch.state) && r.error) patch.last_error = r.error.toJSON();
      if (r.keyAudit) patch.key_audit = r.keyAudit;
      if (r.balance) {
        patch.last_balance = r.balance.total;
        patch.last_balance_currency = r.balance.currency;
      }
      const outbox =
        this.#o.alerts?.observe({
          record: current,
          nextState: patch.state,
          success: r.success,
          error: r.error,
          breakerOpened: opened,
          breakerClosed: r.success && breakerWas !== 'closed' && rt.breaker.state === 'closed',
          nextProbeAt: rt.breaker.nextProbeAt,
          wait,
          clockOffsetMs: r.clockOffsetMs,
          at: now,
        }) ?? [];
      // Key alerts come from the key audit alone, stored in this same write.
      if (r.keyAudit && this.#o.alerts)
        outbox.push(...keyAuditAlerts(current, current.key_audit, r.keyAudit, now));
      let updated = current;
      if (outbox.length > 0 && Object.keys(patch).length === 0) await s.alerts?.enqueue(outbox, now);
      if (Object.keys(patch).length > 0) {
        // Alert events go in the same atomic write as the state change that raised them.
        updated =
          (await s.connections.update(id, patch, { now, expectedVersion: current.version, outbox })) ??
          current;
        // Into error or paused: someone should look (warn); back to active or testing: info.
        if (patch.state)
          this.#o.logger[patch.state === 'error' || patch.state === 'paused' ? 'warn' : 'info'](
            'connection state changed',
            {
              connectionId: id,
              from: current.state,
              to: patch.state,
              code,
            },
          );
      }
      if (opened && rt.breaker.nextProbeAt !== null) this.#onBreakerOpened(id, rt.breaker.nextProbeAt);
      if (r.maintenance?.end != null && !r.success) this.#onMaintenance(id, r.maintenance.end);
      if (r.keyAudit) emitKeyEvents(this.#o, updated, current.key_audit, r.keyAudit);
      if (outbox.length > 0) this.#o.onAlertsQueued();
      return updated;
    });
  }
}
