import { BatchProcessor } from '../batch/batch-processor.ts';
import type { TaskOutcome } from '../batch/types.ts';
import type { BreakerSnapshot } from '../breaker/circuit-breaker.ts';
import type { ConnectionFilter, ConnectionRecord } from '../connections/connection.ts';
import { transition } from '../connections/state-machine.ts';
import type { StreamMonitorState } from '../connectors/shared/ws-monitor.ts';
import type { Balance, Permissions, TestResult } from '../connectors/types.ts';
import { errorLabel } from '../errors/cts-error.ts';
import { NotFoundError, QueueFullError, ValidationError } from '../errors/domain.ts';
import type { ApiType, ExchangeId } from '../exchanges/catalog.ts';
import { REQUEST_PRIORITY } from '../limiter/priority.ts';
import { MaintenanceMonitor, maintenanceMessage } from '../maintenance/maintenance-monitor.ts';
import type { BatchJob, TaskType } from '../storage/ports.ts';
import { alertOnBatchFailures } from './batch-alerts.ts';
import { RuntimeRegistry } from './connection-runtime.ts';
import { type DueOptions, dueForHealthCheck } from './due-checks.ts';
import { connectionHealth, healthReport, systemStatus } from './health-views.ts';
import { reevaluateKeyAudits } from './key-lifecycle.ts';
import { KeyedLock } from './keyed-lock.ts';
import { OperationRunner } from './operation-runner.ts';
import {
  type CoordinatorOptions,
  type ResolvedCoordinatorOptions,
  resolveCoordinatorOptions,
} from './options.ts';
import { type RecoveryReport, recover } from './recovery.ts';
import { connectionStreams, type StreamMonitors } from './stream-monitors.ts';
import { batchView, missingConnection, notTested, taskOutcome } from './task-outcome.ts';
import type {
  BatchProgressEvent,
  BatchStatusView,
  BatchSummary,
  ConnectionAction,
  ConnectionHealth,
  Coordinator,
  CreateConnectionInput,
  HealthReport,
  SystemStatus,
  UpdateConnectionInput,
} from './types.ts';
import { newConnectionFields, validateBatchRequest, validateCreate } from './validate-input.ts';
import { writeUpdate } from './write-update.ts';

const ACTION_EVENTS = { enable: 'enable', disable: 'disable', pause: 'pause', resume: 'resume' } as const;

/**
 * The connection coordinator: connections and their state machine, tests, batches, health and the breaker, over
 * the storage ports, the credential vault and the rate limiter. Methods keep the seed's names.
 *
 * @example
 * const coordinator = new ConnectionCoordinator({ storage: createMemoryStorage(), vault, limiter });
 * await coordinator.start(); // recovers unfinished batches, then checks health every 5 minutes
 * const c = await coordinator.createConnection({ name: 'Main', exchange: 'bybit', api_type: 'spot', api_key, api_secret }, { awaitTest: true });
 * const summary = await coordinator.testConnections((await coordinator.getAllConnections()).map((x) => x.id));
 */
/** Health rounds run before any batch a client starts (API priorities are 0–10), so they are never starved. */
const HEALTH_PRIORITY = 11;
/** What a refused batch request is told to wait (Retry-After). */
const QUEUE_FULL_RETRY_MS = 30_000;
/** The batch lane of tasks whose connection does not exist (they end at once, not found). */
const MISSING_LANE = '(missing)';

export class ConnectionCoordinator implements Coordinator {
  readonly #o: ResolvedCoordinatorOptions;
  readonly #registry: RuntimeRegistry;
  readonly #lock = new KeyedLock();
  readonly #runner: OperationRunner;
  readonly #processor: BatchProcessor;
  readonly #streams: StreamMonitors | null;
  readonly #maintenance: MaintenanceMonitor | null;
  readonly #cancels: Array<() => void> = [];
  /** Aborted by stop(): operations called directly (an operator's test) send no further request or retry. */
  /**
   * One controller per direct operation in flight, made in the caller's own context (a Worker refuses I/O objects —
   * an AbortSignal included — from another request's handler, so no long-lived controller is shared across calls).
   */
  readonly #directCalls = new Set<AbortController>();
  #started = false;
  #stopped = false;
  #healthBatch: string | null = null;

  constructor(options: CoordinatorOptions) {
    this.#o = resolveCoordinatorOptions(options);
    this.#registry = new RuntimeRegistry({
      clock: this.#o.clock,
      breaker: this.#o.breaker,
      health: { windowMs: this.#o.uptimeWindowMs },
    });
    this.#maintenance = this.#o.maintenanceStatus
      ? new MaintenanceMonitor({
          clock: this.#o.clock,
          ...(this.#o.fetch ? { fetch: this.#o.fetch } : {}),
          ...(this.#o.exchangeBaseUrl ? { baseUrl: this.#o.exchangeBaseUrl } : {}),
          onEvent: this.#o.onLifecycleEvent,
          logger: this.#o.logger,
        })
      : null;
    this.#runner = new OperationRunner({
      maintenance: this.#maintenance,
      // A failure inside a maintenance window: recheck the connection when the window ends.
      onMaintenance: (id, endsAt) => this.#scheduleProbe(id, endsAt),
      options: this.#o,
      registry: this.#registry,
      lock: this.#lock,
      onBreakerOpened: (id, at) => this.#scheduleProbe(id, at),
      streamVerdict: async (id) => (this.#streams ? this.#streams.verdict(id) : null),
      onRecorded: (record) => this.#syncStream(record),
    });
    this.#streams = this.#o.streamMonitors ? connectionStreams(this.#o, this.#runner) : null;
    this.#processor = new BatchProcessor({
      repo: this.#o.storage.batches,
      clock: this.#o.clock,
      execute: (task, signal) => this.#executeTask(task.connectionId, task.type, signal),
      concurrency: this.#o.batchConcurrency,
      maxActive: this.#o.batchMaxActive,
      resultTtlMs: this.#o.resultTtlMs,
      newId: this.#o.newId,
      logger: this.#o.logger,
    });
  }

  getAllConnections(): Promise<ConnectionRecord[]> {
    return this.#o.storage.connections.list();
  }

  getConnectionsByExchange(exchange: ExchangeId): Promise<ConnectionRecord[]> {
    return this.#o.storage.connections.list({ exchange });
  }

  getConnectionsByApiType(apiType: ApiType): Promise<ConnectionRecord[]> {
    return this.#o.storage.connections.list({ apiType });
  }

  listConnections(filter: ConnectionFilter = {}): Promise<ConnectionRecord[]> {
    return this.#o.storage.connections.list(filter);
  }

  async getConnection(id: string): Promise<ConnectionRecord> {
    const record = await this.#o.storage.connections.get(id);
    if (!record) throw new NotFoundError('connection', id);
    return record;
  }

  /**
   * Validates, seals the secrets, stores the connection disabled, then (unless `enabled: false`) enables it:
   * disabled → testing, and queues its test. `awaitTest` waits for the test and returns the tested record.
   */
  async createConnection(
    input: CreateConnectionInput,
    options: { awaitTest?: boolean } = {},
  ): Promise<ConnectionRecord> {
    const v = validateCreate(input);
    const id = this.#o.newId();
    const credentials = await this.#o.vault.seal(id, v.secrets);
    const record = await this.#o.storage.connections.create(
      id,
      newConnectionFields(v),
      credentials,
      this.#o.clock.now(),
    );
    this.#o.logger.info('connection created', { connectionId: id, exchange: v.exchange });
    if (!v.enabled) return record;
    return this.applyAction(id, 'enable', undefined, options);
  }

  /** Applies a patch (conditional on `version` when given). New credentials or settings re-test an enabled connection. */
  async updateConnection(id: string, input: UpdateConnectionInput): Promise<ConnectionRecord> {
    const { updated, retest } = await writeUpdate(this.#o, this.#lock, await this.getConnection(id), input);
    if (retest) {
      await this.#streams?.stop(id);
      this.#runner.invalidate(id);
      this.#registry.get(id).breaker.reset();
      if (updated.state !== 'disabled') await this.#submit([updated], 'test', 5);
    }
    this.#syncStream(updated);
    return updated;
  }

  async deleteConnection(id: string): Promise<void> {
    await this.#lock.run(id, async () => {
      if (!(await this.#o.storage.connections.delete(id))) throw new NotFoundError('connection', id);
    });
    this.#registry.delete(id);
    await this.#streams?.stop(id);
    this.#o.logger.info('connection deleted', { connectionId: id });
  }

  /**
   * enable (disabled/error → testing, then tested), disable, pause, resume. An operator's pause, resume or disable
   * resets the breaker and cancels a pending probe. Throws InvalidTransitionError for a move the state machine refuses.
   */
  async applyAction(
    id: string,
    action: ConnectionAction,
    expectedVersion?: number,
    options: { awaitTest?: boolean } = {},
  ): Promise<ConnectionRecord> {
    const event = ACTION_EVENTS[action];
    if (!event) throw new ValidationError('action', 'must be one of enable, disable, pause, resume');
    const updated = await this.#lock.run(id, async () => {
      const current = await this.getConnection(id);
      const next = transition(current.state, event);
      const r = await this.#o.storage.connections.update(
        id,
        { state: next },
        { now: this.#o.clock.now(), expectedVersion: expectedVersion ?? current.version },
      );
      if (!r) throw new NotFoundError('connection', id);
      return r;
    });
    this.#o.logger.info('connection action', { connectionId: id, action, state: updated.state });
    this.#syncStream(updated);
    if (action === 'pause' || action === 'resume' || action === 'disable') {
      const rt = this.#registry.get(id);
      rt.breaker.reset();
      rt.probe?.abort();
    }
    if (action !== 'enable') return updated;
    const job = await this.#submit([updated], 'test', 5);
    if (!options.awaitTest) return updated;
    await this.#processor.wait(job.id);
    return this.getConnection(id);
  }

  async testConnection(
    id: string,
    options: { signal?: AbortSignal; onStep?: (line: string) => void } = {},
  ): Promise<TestResult> {
    const record = await this.getConnection(id);
    const r = await this.#direct(options.signal, (signal) =>
      this.#runner.perform(record, 'test', signal, options.onStep, REQUEST_PRIORITY.operator),
    );
    if (r.test) return r.test;
    return notTested(r, this.#o.clock.now());
  }

  async getBalance(id: string): Promise<Balance> {
    const record = await this.getConnection(id);
    const r = await this.#direct(undefined, (signal) => this.#runner.perform(record, 'balance', signal));
    if (!r.success || !r.balance) throw r.error;
    return r.balance;
  }

  async getPermissions(id: string): Promise<Permissions> {
    const record = await this.getConnection(id);
    const r = await this.#direct(undefined, (signal) => this.#runner.perform(record, 'capabilities', signal));
    if (!r.success || !r.permissions) throw r.error;
    return r.permissions;
  }

  async testConnections(
    ids: string[],
    options: { testType?: TaskType | 'all'; priority?: number } = {},
  ): Promise<BatchSummary> {
    const type = options.testType === undefined || options.testType === 'all' ? 'test' : options.testType;
    const job = await this.startBatch(ids, { type, priority: options.priority });
    return this.#processor.wait(job.id);
  }

  async startBatch(ids: string[], options: { type?: TaskType; priority?: number } = {}): Promise<BatchJob> {
    const { unique, type, priority } = validateBatchRequest(ids, options, this.#o.maxBatchSize);
    const queued = this.#processor.status().queueLength;
    if (queued + unique.length > this.#o.maxQueuedTasks)
      throw new QueueFullError(
        `${queued} batch tasks are already waiting (at most ${this.#o.maxQueuedTasks}): try again later`,
        QUEUE_FULL_RETRY_MS,
      );
    // An unknown id is one task that ends "not found" (as for a connection deleted before its task ran), not a
    // refusal of the whole batch.
    const tasks: Array<{ connectionId: string; lane: string }> = [];
    for (const id of unique) {
      const record = await this.#o.storage.connections.get(id);
      tasks.push({ connectionId: id, lane: record?.exchange ?? MISSING_LANE });
    }
    const job = await this.#processor.submit({ type, priority, tasks });
    alertOnBatchFailures(this.#o, this.#processor, job);
    return job;
  }

  async getBatch(id: string): Promise<BatchStatusView> {
    const job = await this.#o.storage.batches.get(id);
    if (!job) throw new NotFoundError('batch', id);
    return batchView(job, await this.#o.storage.batches.tasks(id), this.#processor.running(id));
  }

  onBatchProgress(batchId: string, listener: (event: BatchProgressEvent) => void): () => void {
    return this.#processor.subscribe(batchId, listener);
  }

  /** Queue status: queued, active and completed tasks, and per exchange. */
  queueStatus(): ReturnType<BatchProcessor['status']> {
    return this.#processor.status();
  }

  async getConnectionHealth(id: string): Promise<ConnectionHealth> {
    return this.#health(await this.getConnection(id));
  }

  async getHealth(
    filter: { id?: string; exchange?: ExchangeId; apiType?: ApiType } = {},
  ): Promise<HealthReport> {
    const records = filter.id
      ? [await this.getConnection(filter.id)]
      : await this.#o.storage.connections.list({ exchange: filter.exchange, apiType: filter.apiType });
    return healthReport(this.#o.clock.now(), await Promise.all(records.map((r) => this.#health(r))));
  }

  async getSystemStatus(): Promise<SystemStatus> {
    const records = await this.#o.storage.connections.list();
    const q = this.#processor.status();
    return systemStatus(
      await Promise.all(records.map((r) => this.#health(r))),
      { queueLength: q.queueLength, activeTasks: q.activeTasks, completedTasks: q.completedTasks },
      {
        rateLimiting: this.#o.limiter ? 'enabled' : 'disabled',
        batchProcessing: this.#stopped ? 'disabled' : 'enabled',
        healthMonitoring: this.#started && !this.#stopped ? 'enabled' : 'disabled',
      },
    );
  }

  /**
   * The ids of the connections due for a health check, least recently checked first (see dueForHealthCheck):
   * active connections, connections in error for a reason other than their credentials, and breaker-paused ones
   * whose probe is due, unless checked within `minAgeMs`.
   */
  async dueForHealthCheck(options: Partial<DueOptions> = {}): Promise<string[]> {
    const records = await this.#o.storage.connections.list();
    const now = options.now ?? this.#o.clock.now();
    return dueForHealthCheck(records, this.#registry, { ...options, now }).map((r) => r.id);
  }

  /**
   * One round of health checks over the connections due (see dueForHealthCheck). Skipped while the previous round
   * still runs.
   */
  async runHealthChecks(): Promise<BatchJob | null> {
    if (this.#healthBatch !== null || this.#stopped) return null;
    const due = dueForHealthCheck(await this.#o.storage.connections.list(), this.#registry, {
      now: this.#o.clock.now(),
    });
    if (due.length === 0) return null;
    const job = await this.#submit(due, 'health', HEALTH_PRIORITY);
    this.#healthBatch = job.id;
    void this.#processor.wait(job.id).finally(() => {
      this.#healthBatch = null;
    });
    return job;
  }

  /** Deletes expired batch results, old health samples and old test results. */
  async purge(): Promise<{ batches: number; samples: number; testResults: number }> {
    const now = this.#o.clock.now();
    return {
      batches: await this.#processor.purge(),
      samples: await this.#o.storage.healthSamples.deleteOlderThan(now - this.#o.uptimeWindowMs),
      testResults: await this.#o.storage.testResults.deleteOlderThan(now - this.#o.testResultRetentionMs),
    };
  }

  /**
   * Re-evaluates every stored key audit (days to expiry, the 14/7/1-day tiers, expired, egress IPs) without calling
   * an exchange; runs every `keyAuditIntervalMs` once started. Resolves with how many audits changed.
   */
  reevaluateKeyAudits(): Promise<number> {
    return reevaluateKeyAudits(this.#o, this.#lock);
  }

  /** A connection's breaker state, to save beside the connection if wanted (restore with CircuitBreaker's snapshot option). */
  breakerSnapshot(id: string): BreakerSnapshot {
    return this.#registry.get(id).breaker.snapshot();
  }

  /**
   * Recovers (health aggregates from stored samples, breakers of breaker-paused connections, unfinished batches,
   * connections left under test), then runs health checks every `healthCheckIntervalMs` and purges hourly.
   * Resolves with what recovery did; never rejects (failures are logged).
   */
  async start(): Promise<RecoveryReport | null> {
    if (this.#started) return null;
    this.#started = true;
    this.#cancels.push(
      this.#o.scheduler.every(this.#o.healthCheckIntervalMs, () => this.runHealthChecks().then(() => {})),
    );
    this.#cancels.push(this.#o.scheduler.every(3_600_000, () => this.purge().then(() => {})));
    this.#cancels.push(
      this.#o.scheduler.every(this.#o.keyAuditIntervalMs, () => this.reevaluateKeyAudits().then(() => {})),
    );
    try {
      return await this.recover();
    } catch (err) {
      this.#o.logger.error('recovery failed', { error: err instanceof Error ? err.message : String(err) });
      return null;
    } finally {
      if (this.#streams)
        for (const r of await this.#o.storage.connections.list({ apiType: 'websocket' }).catch(() => []))
          this.#syncStream(r);
    }
  }

  /** The long-lived stream of a websocket connection (null: none — not active, not started, or turned off). */
  streamState(id: string): Promise<StreamMonitorState | null> {
    return this.#streams ? this.#streams.state(id) : Promise.resolve(null);
  }

  /** See start(). Safe to call once per process, before work is submitted. */
  recover(): Promise<RecoveryReport> {
    return recover({
      options: this.#o,
      registry: this.#registry,
      processor: this.#processor,
      submit: (records, type, priority) => this.#submit(records, type, priority),
      scheduleProbe: (id, at) => this.#scheduleProbe(id, at),
    });
  }

  async stop(options: { graceMs?: number } = {}): Promise<void> {
    this.#stopped = true;
    for (const cancel of this.#cancels.splice(0)) cancel();
    this.#registry.cancelProbes();
    await Promise.all([this.#processor.stop(options), this.#streams?.stopAll()]);
    for (const call of this.#directCalls) call.abort(new DOMException('stopped', 'AbortError'));
  }

  /**
   * Runs a direct operation with a signal that ends when the caller's does (a client that disconnects) or when the
   * coordinator stops.
   */
  async #direct<T>(caller: AbortSignal | undefined, run: (signal: AbortSignal) => Promise<T>): Promise<T> {
    const call = new AbortController();
    const follow = () => call.abort(caller?.reason);
    if (this.#stopped) call.abort(new DOMException('stopped', 'AbortError'));
    else if (caller?.aborted) follow();
    else caller?.addEventListener('abort', follow, { once: true });
    this.#directCalls.add(call);
    try {
      return await run(call.signal);
    } finally {
      this.#directCalls.delete(call);
      caller?.removeEventListener('abort', follow);
    }
  }

  /** Starts or stops a connection's long-lived stream to match its record (only while started). */
  #syncStream(record: ConnectionRecord): void {
    if (!this.#streams || !this.#started || this.#stopped) return;
    this.#streams
      .sync(record)
      .catch((e) => this.#o.logger.error('stream sync failed', { error: errorLabel(e) }));
  }

  #submit(records: ConnectionRecord[], type: TaskType, priority: number): Promise<BatchJob> {
    return this.#processor.submit({
      type,
      priority,
      tasks: records.map((r) => ({ connectionId: r.id, lane: r.exchange })),
    });
  }

  async #executeTask(id: string, type: TaskType, signal: AbortSignal): Promise<TaskOutcome> {
    const record = await this.#o.storage.connections.get(id);
    if (!record) return missingConnection(id);
    const priority = type === 'health' ? REQUEST_PRIORITY.health : REQUEST_PRIORITY.batch;
    return taskOutcome(await this.#runner.perform(record, type, signal, undefined, priority));
  }

  async #health(record: ConnectionRecord): Promise<ConnectionHealth> {
    const rt = this.#registry.get(record.id);
    const account = this.#runner.account(record.id);
    const usage = account ? await this.#o.limiterUsage(record.exchange, account) : 0;
    const window = this.#maintenance?.current(record.exchange) ?? null;
    const maintenance = window && {
      exchange: record.exchange,
      until: window.end === null ? null : new Date(window.end).toISOString(),
      message: maintenanceMessage(window),
    };
    return connectionHealth(record, rt, rt.health.stats(this.#o.clock.now()), usage, maintenance);
  }

  #scheduleProbe(id: string, at: number): void {
    if (this.#stopped) return;
    this.#registry.scheduleProbe(id, at, async () => {
      const record = await this.#o.storage.connections.get(id);
      if (!record || record.state === 'disabled' || this.#stopped) return;
      await this.#submit([record], 'health', 5).catch((e) =>
        this.#o.logger.error('probe not queued', { error: String(e) }),
      );
    });
  }
}
