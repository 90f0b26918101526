import type { ConnectionRecord } from '../connections/connection.ts';
import type { ConnectionState } from '../connections/state-machine.ts';
import type { AlertEvent } from './alert-event.ts';
import {
  breakerChanged,
  clockOffset,
  connectionDown,
  connectionRecovered,
  egressNotWhitelisted,
  rateLimitBlock,
  rateLimitCleared,
} from './events.ts';

export interface AlertEmitterOptions {
  /** A clock offset beyond this (either sign) raises clock.offset. @default 1000 */
  clockOffsetThresholdMs?: number;
}

/** One recorded operation outcome, as the coordinator sees it when it writes the result. */
export interface ObservedOutcome {
  record: ConnectionRecord;
  /** The state written, when it changed. */
  nextState?: ConnectionState;
  success: boolean;
  error: { code: string; message: string; hint?: string } | null;
  breakerOpened: boolean;
  breakerClosed: boolean;
  nextProbeAt: number | null;
  /** The wait the exchange asked for (a ban's end or Retry-After), on a failure. */
  wait?: { ms?: number; banned: boolean };
  clockOffsetMs?: number;
  at: number;
}

interface Seen {
  clockOver?: boolean;
  block?: 'ban' | 'block';
  egress?: boolean;
}

/**
 * Turns operation outcomes into alert events: state changes (error, paused, recovered), breaker open/close, bans and
 * rate-limit blocks with their end, egress IP refusals by the exchange and clock offset crossings. Key alerts (expiry
 * stages, unbound, withdraw-enabled, egress IP missing from the key's list, wrong region) come from the key audit
 * instead (keyAuditAlerts), so they follow its effective expiry and its hourly re-evaluation.
 * Conditions observed without a state change are raised when they change (remembered per connection in memory); a
 * restart may raise one again, which the dispatcher's deduplication absorbs.
 */
export class AlertEmitter {
  readonly #threshold: number;
  readonly #seen = new Map<string, Seen>();

  constructor(options: AlertEmitterOptions = {}) {
    this.#threshold = options.clockOffsetThresholdMs ?? 1000;
    if (!(this.#threshold > 0)) throw new TypeError('clockOffsetThresholdMs: must be a positive number');
  }

  observe(o: ObservedOutcome): AlertEvent[] {
    const c = o.record;
    const seen = this.#seen.get(c.id) ?? {};
    this.#seen.set(c.id, seen);
    const out: AlertEvent[] = [];
    if (o.nextState === 'error' || o.nextState === 'paused')
      out.push(connectionDown(c, o.nextState, o.error, o.at));
    if (o.nextState === 'active') out.push(connectionRecovered(c, o.at));
    if (o.breakerOpened) out.push(breakerChanged(c, true, o.at, o.nextProbeAt ?? undefined));
    if (o.breakerClosed) out.push(breakerChanged(c, false, o.at));
    if (!o.success && o.wait?.ms && (o.wait.banned || o.error?.code === 'rate_limited')) {
      seen.block = o.wait.banned ? 'ban' : 'block';
      out.push(rateLimitBlock(c, o.wait.banned, o.at, o.at + o.wait.ms));
    } else if (o.success && seen.block) {
      out.push(rateLimitCleared(c, seen.block === 'ban', o.at));
      seen.block = undefined;
    }
    if (o.error?.code === 'auth.ip_not_allowed') {
      if (!seen.egress) out.push(egressNotWhitelisted(c, true, o.at, o.error.message));
      seen.egress = true;
    } else if (o.success && seen.egress) {
      out.push(egressNotWhitelisted(c, false, o.at));
      seen.egress = false;
    }
    if (o.clockOffsetMs !== undefined) {
      const over = Math.abs(o.clockOffsetMs) > this.#threshold;
      if (over !== (seen.clockOver ?? false) || (over && seen.clockOver === undefined))
        out.push(clockOffset(c, o.clockOffsetMs, this.#threshold, o.at));
      seen.clockOver = over;
    }
    return out;
  }

  /** Drops what was remembered of a connection (deleted, or its key changed). */
  forget(id: string): void {
    this.#seen.delete(id);
  }
}
