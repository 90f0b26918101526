import { CtsError } from '../errors/cts-error.ts';
import type { Clock } from '../ports/clock.ts';

export type CircuitState = 'closed' | 'open' | 'half_open';

export interface BreakerOptions {
  /** Consecutive failures that open the breaker. @default 3 */
  failureThreshold?: number;
  /** How long the breaker stays open before one half-open probe, unless a ban or Retry-After says. @default 60000 */
  cooldownMs?: number;
}

/** The breaker's state, to save and restore (plain JSON). */
export interface BreakerSnapshot {
  state: 'closed' | 'open';
  failures: number;
  openedAt: number | null;
  /** When the half-open probe may go; null while closed. */
  nextProbeAt: number | null;
}

/** A failure as the breaker sees it: our code, and the wait the exchange asked for. */
export interface BreakerFailure {
  code: string;
  retryAfterMs?: number;
}

/** Validates breaker options; throws a TypeError naming the field and the rule. */
export function resolveBreakerOptions(options: BreakerOptions = {}): Required<BreakerOptions> {
  const failureThreshold = options.failureThreshold ?? 3;
  const cooldownMs = options.cooldownMs ?? 60_000;
  if (!Number.isInteger(failureThreshold) || failureThreshold < 1)
    throw new TypeError('breaker.failureThreshold: must be an integer >= 1');
  if (!Number.isFinite(cooldownMs) || cooldownMs < 0)
    throw new TypeError('breaker.cooldownMs: must be a number of milliseconds >= 0');
  return { failureThreshold, cooldownMs };
}

/**
 * One connection's circuit breaker. Closed: requests go. `failureThreshold` consecutive failures open it (a ban opens
 * it at once); while open, requests are refused until the cool-down ends, then one caller gets the half-open probe.
 * A success closes it; a failed probe opens it again for another cool-down. A ban's or Retry-After's wait sets the
 * cool-down exactly.
 *
 * @example
 * const breaker = new CircuitBreaker({ clock, failureThreshold: 3, cooldownMs: 60_000 });
 * const ticket = breaker.acquire(); // throws CtsError circuit_open while open
 * try { await call(); breaker.onSuccess(); } catch (e) { breaker.onFailure({ code: e.code, retryAfterMs: e.retryAfterMs }); }
 */
export class CircuitBreaker {
  readonly #clock: Clock;
  readonly #options: Required<BreakerOptions>;
  #failures = 0;
  #openedAt: number | null = null;
  #nextProbeAt: number | null = null;
  #probing = false;

  constructor(options: BreakerOptions & { clock: Clock; snapshot?: BreakerSnapshot }) {
    this.#clock = options.clock;
    this.#options = resolveBreakerOptions(options);
    if (options.snapshot) this.#restore(options.snapshot);
  }

  /** Closed, open (cooling down), or half-open (the cool-down is over: the next acquire is the probe). */
  get state(): CircuitState {
    if (this.#nextProbeAt === null) return 'closed';
    return this.#probing || this.#clock.now() >= this.#nextProbeAt ? 'half_open' : 'open';
  }

  get failures(): number {
    return this.#failures;
  }

  get openedAt(): number | null {
    return this.#openedAt;
  }

  get nextProbeAt(): number | null {
    return this.#nextProbeAt;
  }

  /**
   * Asks to send a request: 'call' while closed, 'probe' for the one half-open probe. Throws CtsError circuit_open
   * (with retryAfterMs) while open or while another probe is out.
   */
  acquire(): 'call' | 'probe' {
    if (this.#nextProbeAt === null) return 'call';
    const now = this.#clock.now();
    if (!this.#probing && now >= this.#nextProbeAt) {
      this.#probing = true;
      return 'probe';
    }
    const wait = Math.max(0, this.#nextProbeAt - now);
    throw new CtsError('circuit_open', `The circuit breaker is open after ${this.#failures} failures`, {
      retryAfterMs: this.#probing ? undefined : wait,
      context: { nextProbeAt: new Date(this.#nextProbeAt).toISOString() },
    });
  }

  /** A request succeeded: the breaker closes and the failure count resets. */
  onSuccess(): void {
    this.#failures = 0;
    this.#openedAt = null;
    this.#nextProbeAt = null;
    this.#probing = false;
  }

  /** A request failed. Returns true when this failure opened (or re-opened) the breaker. */
  onFailure(failure: BreakerFailure): boolean {
    this.#failures++;
    const banned = failure.code === 'banned';
    if (this.#probing || banned || this.#failures >= this.#options.failureThreshold) {
      const now = this.#clock.now();
      const cooldown = failure.retryAfterMs ?? this.#options.cooldownMs;
      this.#openedAt = now;
      this.#nextProbeAt = now + cooldown;
      this.#probing = false;
      return true;
    }
    return false;
  }

  /** Gives up a probe ticket without an outcome (the probe was cancelled): another caller may probe. */
  releaseProbe(): void {
    this.#probing = false;
  }

  /** Closes the breaker without a request (an operator paused, resumed or changed the connection). */
  reset(): void {
    this.onSuccess();
  }

  snapshot(): BreakerSnapshot {
    return {
      state: this.#nextProbeAt === null ? 'closed' : 'open',
      failures: this.#failures,
      openedAt: this.#openedAt,
      nextProbeAt: this.#nextProbeAt,
    };
  }

  #restore(s: BreakerSnapshot): void {
    if (!Number.isInteger(s.failures) || s.failures < 0)
      throw new TypeError('snapshot.failures: must be an integer >= 0');
    this.#failures = s.failures;
    if (s.state === 'open') {
      if (typeof s.nextProbeAt !== 'number')
        throw new TypeError('snapshot.nextProbeAt: required when state is open');
      this.#openedAt = s.openedAt;
      this.#nextProbeAt = s.nextProbeAt;
    }
  }
}
