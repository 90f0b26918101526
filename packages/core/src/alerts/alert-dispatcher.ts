import { randomHex } from '../crypto/random.ts';
import type { CredentialVault } from '../crypto/vault.ts';
import { type Clock, systemClock } from '../ports/clock.ts';
import { type FetchLike, globalFetch } from '../ports/fetch.ts';
import { type Logger, noopLogger } from '../ports/logger.ts';
import type { AlertEvent } from './alert-event.ts';
import type { AlertState, AlertStore, Delivery } from './alert-store.ts';
import { type AlertChannel, channelAccepts } from './channel.ts';
import type { MessageKind } from './channels/outgoing.ts';
import { type Decision, decide, dueDecision } from './dedup.ts';
import type { DestinationPolicy } from './destination-guard.ts';
import { type RetryOptions, retryDelay } from './retry-policy.ts';
import { sendDelivery } from './send-delivery.ts';

export interface AlertDispatcherOptions extends RetryOptions {
  store: AlertStore;
  vault: CredentialVault;
  /** @default the global fetch */
  fetch?: FetchLike;
  /** @default systemClock */
  clock?: Clock;
  /** @default noopLogger */
  logger?: Logger;
  /** Where alerts may go. @default https only, public addresses only, literal checks (no resolver) */
  destination?: DestinationPolicy;
  /** A reminder while a condition still holds, this long after the last message. @default 14400000 (4 h) */
  reminderIntervalMs?: number;
  /** A cleared condition must stay clear this long before "resolved" goes out. @default 300000 (5 min) */
  flapWindowMs?: number;
  /** A claimed delivery (or the outbox lock) held by a process that died is taken again after this. @default 60000 */
  leaseMs?: number;
  /** Timeout of one HTTP attempt. @default 10000 */
  timeoutMs?: number;
  /** How often the loop looks for work written by other processes. @default 30000 */
  pollMs?: number;
  /** Deliveries kept after they finish. @default 604800000 (7 days) */
  retentionMs?: number;
}

const LOCK = 'alert-outbox';

/**
 * Turns outbox events into deliveries (deduplicated by fingerprint, filtered per channel) and sends them: claimed
 * before sending (a lease, so a dead process's claim is retried), one idempotency key per delivery (the receiver's
 * `X-CTS-Idempotency-Key`), exponential backoff with jitter, 429 Retry-After honoured, every attempt recorded.
 *
 * @example
 * const dispatcher = new AlertDispatcher({ store: storage.alerts, vault });
 * dispatcher.start(); // or, on a Worker: ctx.waitUntil(dispatcher.run()) from the cron
 */
export class AlertDispatcher {
  readonly #o: Required<Omit<AlertDispatcherOptions, keyof RetryOptions>> & RetryOptions;
  readonly #holder = randomHex(8);
  #running: Promise<void> | null = null;
  #again = false;
  #wake: (() => void) | null = null;
  #stopped = true;
  #loop: Promise<void> | null = null;

  constructor(options: AlertDispatcherOptions) {
    this.#o = {
      fetch: globalFetch,
      clock: systemClock,
      logger: noopLogger,
      destination: {},
      reminderIntervalMs: 14_400_000,
      flapWindowMs: 300_000,
      leaseMs: 60_000,
      timeoutMs: 10_000,
      pollMs: 30_000,
      retentionMs: 604_800_000,
      ...options,
    };
    for (const k of ['reminderIntervalMs', 'flapWindowMs', 'leaseMs', 'timeoutMs', 'pollMs'] as const)
      if (!(this.#o[k] > 0)) throw new TypeError(`${k}: must be a positive number of milliseconds`);
  }

  /** One pass: outbox → deliveries, due reminders and resolutions, then every due delivery. Coalesces callers. */
  run(): Promise<void> {
    if (this.#running) {
      this.#again = true;
      return this.#running;
    }
    this.#running = (async () => {
      do {
        this.#again = false;
        await this.#pass().catch((e) =>
          this.#o.logger.error('alert dispatch failed', {
            error: e instanceof Error ? e.message : String(e),
          }),
        );
      } while (this.#again);
    })().finally(() => {
      this.#running = null;
    });
    return this.#running;
  }

  /** Runs now (new outbox entries); the loop, when started, wakes up. */
  kick(): void {
    if (this.#wake) this.#wake();
    else if (this.#stopped) void this.run();
  }

  /** Runs in the background until stop(): after each pass it sleeps until the next due work, at most pollMs. */
  start(): void {
    if (!this.#stopped) return;
    this.#stopped = false;
    this.#loop = (async () => {
      while (!this.#stopped) {
        await this.run();
        const next = await this.#o.store.nextDueAt().catch(() => null);
        const now = this.#o.clock.now();
        const wait = Math.max(10, Math.min(this.#o.pollMs, next === null ? this.#o.pollMs : next - now));
        if (this.#stopped) break; // stop() came during the pass: do not start a sleep it cannot wake
        const ctrl = new AbortController();
        this.#wake = () => ctrl.abort();
        await this.#o.clock.sleep(wait, ctrl.signal).catch(() => {});
        this.#wake = null;
      }
    })();
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    this.#wake?.();
    await this.#loop;
    await this.#running;
  }

  /** Sends a test event to one channel now (bypassing filters and deduplication); returns its delivery id. */
  async sendTest(channel: AlertChannel, event: AlertEvent): Promise<string> {
    const delivery = this.#delivery(channel.id, 'notice', event, null);
    await this.#o.store.commit({ seq: null, deliveries: [delivery] });
    this.kick();
    return delivery.id;
  }

  async #pass(): Promise<void> {
    const { store, clock, leaseMs } = this.#o;
    if (await store.acquireLock(LOCK, this.#holder, clock.now(), leaseMs)) {
      try {
        await this.#drainOutbox();
        await this.#drainDue();
      } finally {
        await store.releaseLock(LOCK, this.#holder);
      }
    }
    for (;;) {
      const claimed = await store.claimDeliveries(clock.now(), leaseMs, 10);
      if (claimed.length === 0) break;
      await Promise.all(claimed.map((d) => this.#send(d)));
    }
  }

  async #drainOutbox(): Promise<void> {
    const { store, clock } = this.#o;
    for (;;) {
      const entries = await store.pendingOutbox(50);
      if (entries.length === 0) return;
      const channels = await store.listChannels();
      for (const entry of entries) {
        const fp = entry.event.fingerprint;
        const state = await store.getState(fp);
        const decision = decide(state, entry.event, clock.now(), this.#o);
        await store.commit({ seq: entry.seq, fingerprint: fp, ...this.#fanOut(decision, state, channels) });
      }
    }
  }

  async #drainDue(): Promise<void> {
    const { store, clock } = this.#o;
    const due = await store.dueStates(clock.now(), 100);
    if (due.length === 0) return;
    const channels = await store.listChannels();
    for (const state of due) {
      const decision = dueDecision(state, clock.now(), this.#o);
      await store.commit({
        seq: null,
        fingerprint: state.fingerprint,
        ...this.#fanOut(decision, state, channels),
      });
    }
  }

  /** The deliveries a decision makes: an alert or notice to every accepting channel; reminders and resolutions to those alerted. */
  #fanOut(d: Decision, before: AlertState | null, channels: AlertChannel[]) {
    if (!d.send) return { state: d.state, deliveries: [] };
    const { kind, event, since } = d.send;
    const targets =
      kind === 'alert' || kind === 'notice'
        ? channels.filter((c) => channelAccepts(c, event))
        : channels.filter((c) => c.enabled && (before?.channelIds ?? []).includes(c.id));
    const state = d.state ? { ...d.state } : d.state;
    if (state && kind === 'alert')
      state.channelIds = [...new Set([...(before?.channelIds ?? []), ...targets.map((c) => c.id)])];
    return { state, deliveries: targets.map((c) => this.#delivery(c.id, kind, event, since)) };
  }

  #delivery(channelId: string, kind: MessageKind, event: AlertEvent, since: number | null): Delivery {
    const now = this.#o.clock.now();
    return {
      id: `dlv_${randomHex(12)}`,
      channelId,
      kind,
      event,
      since,
      status: 'pending',
      attempts: 0,
      nextAttemptAt: now,
      claimedUntil: null,
      lastStatus: null,
      lastError: null,
      createdAt: now,
      deliveredAt: null,
    };
  }

  async #send(d: Delivery): Promise<void> {
    const { store, clock } = this.#o;
    const started = clock.now();
    const r = await sendDelivery({
      delivery: d,
      channel: await store.getChannel(d.channelId),
      vault: this.#o.vault,
      fetch: this.#o.fetch,
      destination: this.#o.destination,
      timeoutMs: this.#o.timeoutMs,
      now: started,
    });
    const now = clock.now();
    const attempt = d.attempts + 1;
    const outcome = r.outcome === 'retry' && attempt >= (this.#o.maxAttempts ?? 8) ? 'failed' : r.outcome;
    const next: Delivery = {
      ...d,
      attempts: attempt,
      status: outcome === 'retry' ? 'pending' : outcome,
      claimedUntil: null,
      lastStatus: r.httpStatus,
      lastError: r.error,
      nextAttemptAt:
        outcome === 'retry' ? now + retryDelay(attempt, this.#o, r.retryAfterMs) : d.nextAttemptAt,
      deliveredAt: outcome === 'delivered' ? now : null,
    };
    await store.recordAttempt(next, {
      deliveryId: d.id,
      attempt,
      at: started,
      durationMs: now - started,
      httpStatus: r.httpStatus,
      error: r.error,
      outcome,
    });
    const log = outcome === 'delivered' ? 'info' : 'warn';
    this.#o.logger[log]('alert delivery', {
      deliveryId: d.id,
      channelId: d.channelId,
      type: d.event.type,
      kind: d.kind,
      attempt,
      outcome,
      httpStatus: r.httpStatus,
    });
  }

  /** Deletes finished deliveries older than the retention. */
  purge(): Promise<number> {
    return this.#o.store.purge(this.#o.clock.now() - this.#o.retentionMs);
  }
}
