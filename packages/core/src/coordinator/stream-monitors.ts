import type { ConnectionRecord } from '../connections/connection.ts';
import type {
  StreamMonitor,
  StreamMonitorEvent,
  StreamMonitorState,
} from '../connectors/shared/ws-monitor.ts';
import { createStreamMonitor } from '../connectors/shared/ws-streams.ts';
import type { ConnectorOptions } from '../connectors/types.ts';
import { type CtsError, errorLabel } from '../errors/cts-error.ts';
import type { Clock } from '../ports/clock.ts';
import type { Logger } from '../ports/logger.ts';

/** What a monitor's events come to, for the health tracker and the breaker. */
export interface StreamOutcome {
  success: boolean;
  error: CtsError | null;
  /** A (re)connect: the time from the attempt's start to the open stream; 0 for a failure. */
  responseTimeMs: number;
}

/** The health-check verdict of a connection's long-lived stream; null: no monitor, or it has not connected yet. */
export type StreamVerdict = { success: true } | { success: false; error: CtsError } | null;

interface Entry {
  fingerprint: string;
  monitor: Promise<StreamMonitor | undefined>;
  /** When the current connect attempt started (for the outcome's response time). */
  attemptAt: number;
}

/** The connections that hold a long-lived stream: websocket connections in state active. */
export function wantsStream(r: ConnectionRecord): boolean {
  return r.api_type === 'websocket' && r.state === 'active';
}

const fingerprintOf = (r: ConnectionRecord) =>
  [r.api_type, r.environment, r.region, r.key_type, r.api_key_masked].join('|');

/**
 * One StreamMonitor per active websocket connection (reconnect with backoff, re-authentication, listenKey
 * keep-alive). `sync(record)` starts, restarts (settings changed) or stops a connection's monitor to match its
 * record; each open and each failure of a monitor is handed to `onOutcome`.
 */
export class StreamMonitors {
  readonly #entries = new Map<string, Entry>();
  readonly #create: (
    record: ConnectionRecord,
    onEvent: (event: StreamMonitorEvent) => void,
  ) => Promise<StreamMonitor>;
  readonly #onOutcome: (id: string, outcome: StreamOutcome) => void;
  readonly #clock: Clock;
  readonly #logger: Logger;

  constructor(deps: {
    create: (
      record: ConnectionRecord,
      onEvent: (event: StreamMonitorEvent) => void,
    ) => Promise<StreamMonitor>;
    onOutcome: (id: string, outcome: StreamOutcome) => void;
    clock: Clock;
    logger: Logger;
  }) {
    this.#create = deps.create;
    this.#onOutcome = deps.onOutcome;
    this.#clock = deps.clock;
    this.#logger = deps.logger;
  }

  /** Starts, restarts or stops the monitor of `record` so that it runs exactly when the record wants one. */
  async sync(record: ConnectionRecord): Promise<void> {
    const current = this.#entries.get(record.id);
    const wanted = wantsStream(record);
    if (wanted && current?.fingerprint === fingerprintOf(record)) return;
    if (current) await this.stop(record.id);
    if (!wanted || this.#entries.has(record.id)) return;
    const entry: Entry = {
      fingerprint: fingerprintOf(record),
      monitor: Promise.resolve(undefined),
      attemptAt: this.#clock.now(),
    };
    entry.monitor = this.#create(record, (event) => this.#onEvent(record.id, entry, event)).then(
      (monitor) => {
        if (this.#entries.get(record.id) !== entry) return undefined; // stopped while it was being built
        monitor.start();
        this.#logger.info('stream monitor started', { connectionId: record.id });
        return monitor;
      },
      (err: unknown) => {
        if (this.#entries.get(record.id) === entry) this.#entries.delete(record.id);
        this.#logger.error('stream monitor not started', {
          connectionId: record.id,
          error: errorLabel(err),
        });
        return undefined;
      },
    );
    this.#entries.set(record.id, entry);
  }

  /** Stops a connection's monitor (its socket closes with 1000); nothing when it has none. */
  async stop(id: string): Promise<void> {
    const entry = this.#entries.get(id);
    if (!entry) return;
    this.#entries.delete(id);
    const monitor = await entry.monitor;
    await monitor?.stop();
    if (monitor) this.#logger.info('stream monitor stopped', { connectionId: id });
  }

  async stopAll(): Promise<void> {
    await Promise.all([...this.#entries.keys()].map((id) => this.stop(id)));
  }

  /** The state of a connection's monitor, or null when it has none (yet). */
  async state(id: string): Promise<StreamMonitorState | null> {
    const monitor = await this.#entries.get(id)?.monitor;
    return monitor?.state ?? null;
  }

  /** Connected → success; reconnecting after a failure → that failure; no monitor or a first connect → null. */
  async verdict(id: string): Promise<StreamVerdict> {
    const monitor = await this.#entries.get(id)?.monitor;
    if (!monitor) return null;
    if (monitor.state === 'open') return { success: true };
    if (monitor.state === 'stopped' || monitor.state === 'idle' || monitor.lastError === undefined)
      return null;
    return { success: false, error: monitor.lastError };
  }

  get size(): number {
    return this.#entries.size;
  }

  #onEvent(id: string, entry: Entry, event: StreamMonitorEvent): void {
    if (this.#entries.get(id) !== entry) return;
    const now = this.#clock.now();
    if (event.type === 'reconnecting') entry.attemptAt = now + event.delayMs;
    else if (event.type === 'open')
      this.#onOutcome(id, { success: true, error: null, responseTimeMs: Math.max(0, now - entry.attemptAt) });
    else if (event.type === 'error') {
      this.#logger.warn('stream monitor error', { connectionId: id, code: event.error.code });
      this.#onOutcome(id, { success: false, error: event.error, responseTimeMs: 0 });
    }
  }
}

/**
 * The coordinator's monitors: built from a connection's connector options (credentials opened from the vault),
 * signing with its connector's clock offset; their outcomes are recorded like health checks.
 */
export function connectionStreams(
  o: { clock: Clock; logger: Logger },
  runner: {
    connector(record: ConnectionRecord): Promise<{ readonly clockOffsetMs: number }>;
    connectorOptions(record: ConnectionRecord): Promise<ConnectorOptions>;
    recordOutcome(id: string, outcome: StreamOutcome): Promise<unknown>;
  },
): StreamMonitors {
  return new StreamMonitors({
    clock: o.clock,
    logger: o.logger,
    create: async (record, onEvent) => {
      const connector = await runner.connector(record);
      const options = await runner.connectorOptions(record);
      return createStreamMonitor(options, { offsetMs: () => connector.clockOffsetMs, onEvent });
    },
    onOutcome: (id, outcome) => {
      runner.recordOutcome(id, outcome).catch((err: unknown) =>
        o.logger.error('stream outcome not recorded', {
          connectionId: id,
          error: err instanceof Error ? err.message : String(err),
        }),
      );
    },
  });
}
