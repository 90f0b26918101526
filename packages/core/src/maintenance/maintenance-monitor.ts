import type { ExchangeId } from '../exchanges/catalog.ts';
import { restBaseUrl } from '../exchanges/hosts.ts';
import type { MaintenanceEvent } from '../keys/key-events.ts';
import type { Clock } from '../ports/clock.ts';
import type { FetchLike } from '../ports/fetch.ts';
import type { Logger } from '../ports/logger.ts';
import { type MaintenanceWindow, STATUS_ENDPOINTS } from './status-readers.ts';

export interface MaintenanceMonitorOptions {
  clock: Clock;
  /** @default the global fetch */
  fetch?: FetchLike;
  /** Replaces the exchanges' hosts (the simulator), as the connectors' baseUrl. */
  baseUrl?: string;
  /** Least time between two status reads of one exchange. @default 60000 */
  minIntervalMs?: number;
  /** Per-request timeout. @default 5000 */
  timeoutMs?: number;
  onEvent?: (event: MaintenanceEvent) => void;
  logger?: Logger;
}

interface ExchangeState {
  readAt: number;
  windows: MaintenanceWindow[];
  /** The window reported as started (maintenance.started raised), until it ends. */
  started: MaintenanceWindow | null;
  reading: Promise<void> | null;
}

/**
 * Knows the exchanges' announced maintenance windows from their public status endpoints (Bybit, Binance, OKX).
 * Reads an exchange's endpoint at most once per `minIntervalMs`, and only when asked while something is failing or
 * a window is announced; raises maintenance.started / maintenance.ended.
 *
 * @example
 * const m = new MaintenanceMonitor({ clock });
 * const window = await m.refresh('bybit', { failing: true }); // the window covering now, or null
 */
export class MaintenanceMonitor {
  readonly #o: Required<Omit<MaintenanceMonitorOptions, 'baseUrl' | 'fetch' | 'onEvent' | 'logger'>> &
    MaintenanceMonitorOptions;
  readonly #state = new Map<ExchangeId, ExchangeState>();

  constructor(options: MaintenanceMonitorOptions) {
    this.#o = { minIntervalMs: 60_000, timeoutMs: 5_000, ...options };
  }

  /** Whether the exchange publishes a status endpoint. */
  static covers(exchange: ExchangeId): boolean {
    return STATUS_ENDPOINTS[exchange] !== undefined;
  }

  /**
   * Reads the exchange's status when something is `failing` or a window is announced, and the last read is older
   * than `minIntervalMs`; then returns the window covering now (null: none).
   */
  async refresh(exchange: ExchangeId, o: { failing: boolean }): Promise<MaintenanceWindow | null> {
    const endpoint = STATUS_ENDPOINTS[exchange];
    if (!endpoint) return null;
    const s = this.#get(exchange);
    const announced = s.windows.length > 0;
    const stale = this.#o.clock.now() - s.readAt >= this.#o.minIntervalMs;
    if ((o.failing || announced) && stale) {
      s.reading ??= this.#read(exchange, s).finally(() => {
        s.reading = null;
      });
      await s.reading;
    }
    return this.current(exchange);
  }

  /** The window covering now, from what was last read (no request); raises maintenance.ended once it is over. */
  current(exchange: ExchangeId): MaintenanceWindow | null {
    const s = this.#state.get(exchange);
    if (!s) return null;
    const now = this.#o.clock.now();
    s.windows = s.windows.filter((w) => w.end === null || w.end > now);
    const covering =
      s.windows.find((w) => (w.begin === null || w.begin <= now) && (w.end === null || w.end > now)) ?? null;
    this.#transition(exchange, s, covering);
    return covering;
  }

  #get(exchange: ExchangeId): ExchangeState {
    let s = this.#state.get(exchange);
    if (!s) {
      s = { readAt: Number.NEGATIVE_INFINITY, windows: [], started: null, reading: null };
      this.#state.set(exchange, s);
    }
    return s;
  }

  async #read(exchange: ExchangeId, s: ExchangeState): Promise<void> {
    const endpoint = STATUS_ENDPOINTS[exchange];
    if (!endpoint) return;
    s.readAt = this.#o.clock.now();
    const url = `${restBaseUrl(exchange, 'mainnet', 'default', this.#o.baseUrl)}${endpoint.path}`;
    try {
      const res = await (this.#o.fetch ?? fetch)(url, {
        signal: AbortSignal.timeout(this.#o.timeoutMs),
        redirect: 'manual',
      });
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      s.windows = endpoint.read(await res.json(), this.#o.clock.now());
    } catch (err) {
      // Unknown status: keep what was known (a status page down is no news of maintenance).
      this.#o.logger?.warn('maintenance status unreadable', {
        exchange,
        error: err instanceof Error ? err.name : 'error',
      });
    }
  }

  #transition(exchange: ExchangeId, s: ExchangeState, covering: MaintenanceWindow | null): void {
    const at = this.#o.clock.now();
    if (covering && !s.started) {
      s.started = covering;
      this.#o.onEvent?.({
        type: 'maintenance.started',
        at,
        exchange,
        until: covering.end === null ? null : new Date(covering.end).toISOString(),
        message: maintenanceMessage(covering),
      });
    } else if (!covering && s.started) {
      s.started = null;
      this.#o.onEvent?.({
        type: 'maintenance.ended',
        at,
        exchange,
        until: null,
        message: 'maintenance ended',
      });
    }
  }
}

/** "maintenance until 2026-12-06T10:00:00.000Z: <the exchange's title>". */
export function maintenanceMessage(w: MaintenanceWindow): string {
  const until =
    w.end === null ? 'maintenance (end not announced)' : `maintenance until ${new Date(w.end).toISOString()}`;
  return `${until}: ${w.message}`;
}
