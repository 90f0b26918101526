import { type BreakerOptions, CircuitBreaker } from '../breaker/circuit-breaker.ts';
import type { Connector } from '../connectors/types.ts';
import { HealthTracker, type HealthTrackerOptions } from '../health/health-tracker.ts';
import type { Clock } from '../ports/clock.ts';

/** What the coordinator keeps in memory per connection: breaker, health aggregates and the cached connector. */
export interface ConnectionRuntime {
  breaker: CircuitBreaker;
  health: HealthTracker;
  /** The connector and the settings it was built for; rebuilt when they change. */
  connector?: { fingerprint: string; account: string; value: Promise<Connector> };
  /** A scheduled half-open probe, cancelled on delete, reset or stop. */
  probe?: AbortController;
}

/** Per-connection runtimes, created on first use. Memory per connection is fixed (see HealthTracker). */
export class RuntimeRegistry {
  readonly #runtimes = new Map<string, ConnectionRuntime>();
  readonly #clock: Clock;
  readonly #breaker: Required<BreakerOptions>;
  readonly #health: HealthTrackerOptions;

  constructor(options: { clock: Clock; breaker: Required<BreakerOptions>; health: HealthTrackerOptions }) {
    this.#clock = options.clock;
    this.#breaker = options.breaker;
    this.#health = options.health;
  }

  get(id: string): ConnectionRuntime {
    let rt = this.#runtimes.get(id);
    if (!rt) {
      rt = {
        breaker: new CircuitBreaker({ clock: this.#clock, ...this.#breaker }),
        health: new HealthTracker(this.#health),
      };
      this.#runtimes.set(id, rt);
    }
    return rt;
  }

  peek(id: string): ConnectionRuntime | undefined {
    return this.#runtimes.get(id);
  }

  /** Starts a connection's health aggregates afresh (before replaying stored samples into them). */
  resetHealth(id: string): HealthTracker {
    const rt = this.get(id);
    rt.health = new HealthTracker(this.#health);
    return rt.health;
  }

  /** Replaces a connection's breaker (restoring a snapshot). */
  setBreaker(id: string, breaker: CircuitBreaker): void {
    this.get(id).breaker = breaker;
  }

  /** Calls `onDue` at `at` (on the clock), unless cancelled first; one pending probe per connection. */
  scheduleProbe(id: string, at: number, onDue: () => Promise<void>): void {
    const rt = this.get(id);
    rt.probe?.abort();
    const controller = new AbortController();
    rt.probe = controller;
    this.#clock.sleep(Math.max(0, at - this.#clock.now()), controller.signal).then(
      async () => {
        if (rt.probe === controller) rt.probe = undefined;
        await onDue();
      },
      () => {},
    );
  }

  delete(id: string): void {
    this.#runtimes.get(id)?.probe?.abort();
    this.#runtimes.delete(id);
  }

  cancelProbes(): void {
    for (const rt of this.#runtimes.values()) rt.probe?.abort();
  }

  get size(): number {
    return this.#runtimes.size;
  }
}
