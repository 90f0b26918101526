import type { AlertEvent } from './alert-event.ts';
import type {
  AlertState,
  AlertStore,
  Delivery,
  DeliveryAttempt,
  OutboxCommit,
  OutboxEntry,
} from './alert-store.ts';
import type { AlertChannel } from './channel.ts';

const copy = <T>(v: T): T => structuredClone(v);

/** The AlertStore in memory: tests, the demo, single-process hosts without a database. */
export class MemoryAlertStore implements AlertStore {
  readonly #outbox: OutboxEntry[] = [];
  #seq = 0;
  readonly #states = new Map<string, AlertState>();
  readonly #deliveries = new Map<string, Delivery>();
  readonly #attempts: DeliveryAttempt[] = [];
  readonly #locks = new Map<string, { holder: string; until: number }>();
  readonly #channels = new Map<string, AlertChannel>();

  async enqueue(events: AlertEvent[], now: number): Promise<void> {
    for (const event of events) this.#outbox.push({ seq: ++this.#seq, event: copy(event), createdAt: now });
  }

  async pendingOutbox(limit: number): Promise<OutboxEntry[]> {
    return copy(this.#outbox.slice(0, limit));
  }

  async commit(c: OutboxCommit): Promise<boolean> {
    if (c.seq !== null) {
      const i = this.#outbox.findIndex((e) => e.seq === c.seq);
      if (i < 0) return false;
      this.#outbox.splice(i, 1);
    }
    if (c.fingerprint !== undefined && c.state !== undefined) {
      if (c.state === null) this.#states.delete(c.fingerprint);
      else this.#states.set(c.fingerprint, copy(c.state));
    }
    for (const d of c.deliveries) this.#deliveries.set(d.id, copy(d));
    return true;
  }

  async getState(fingerprint: string): Promise<AlertState | null> {
    const s = this.#states.get(fingerprint);
    return s ? copy(s) : null;
  }

  async dueStates(now: number, limit: number): Promise<AlertState[]> {
    return copy(
      [...this.#states.values()]
        .filter((s) => (s.status === 'resolving' ? (s.resolveAt ?? 0) <= now : s.nextReminderAt <= now))
        .slice(0, limit),
    );
  }

  async claimDeliveries(now: number, leaseMs: number, limit: number): Promise<Delivery[]> {
    const out: Delivery[] = [];
    for (const d of [...this.#deliveries.values()].sort((a, b) => a.nextAttemptAt - b.nextAttemptAt)) {
      if (out.length >= limit) break;
      const due =
        (d.status === 'pending' && d.nextAttemptAt <= now) ||
        (d.status === 'sending' && (d.claimedUntil ?? 0) <= now);
      if (!due) continue;
      d.status = 'sending';
      d.claimedUntil = now + leaseMs;
      out.push(copy(d));
    }
    return out;
  }

  async recordAttempt(delivery: Delivery, attempt: DeliveryAttempt): Promise<void> {
    this.#deliveries.set(delivery.id, copy(delivery));
    this.#attempts.push(copy(attempt));
  }

  async listDeliveries(options: { limit?: number; channelId?: string } = {}): Promise<Delivery[]> {
    return copy(
      [...this.#deliveries.values()]
        .filter((d) => options.channelId === undefined || d.channelId === options.channelId)
        .sort((a, b) => b.createdAt - a.createdAt || (a.id < b.id ? 1 : -1))
        .slice(0, options.limit ?? 50),
    );
  }

  async getDelivery(id: string): Promise<Delivery | null> {
    const d = this.#deliveries.get(id);
    return d ? copy(d) : null;
  }

  async listAttempts(deliveryId: string): Promise<DeliveryAttempt[]> {
    return copy(this.#attempts.filter((a) => a.deliveryId === deliveryId));
  }

  async nextDueAt(): Promise<number | null> {
    let next: number | null = null;
    const take = (t: number) => {
      next = next === null ? t : Math.min(next, t);
    };
    for (const d of this.#deliveries.values()) {
      if (d.status === 'pending') take(d.nextAttemptAt);
      if (d.status === 'sending' && d.claimedUntil !== null) take(d.claimedUntil);
    }
    for (const s of this.#states.values())
      take(s.status === 'resolving' ? (s.resolveAt ?? 0) : s.nextReminderAt);
    return next;
  }

  async acquireLock(name: string, holder: string, now: number, leaseMs: number): Promise<boolean> {
    const lock = this.#locks.get(name);
    if (lock && lock.holder !== holder && lock.until > now) return false;
    this.#locks.set(name, { holder, until: now + leaseMs });
    return true;
  }

  async releaseLock(name: string, holder: string): Promise<void> {
    if (this.#locks.get(name)?.holder === holder) this.#locks.delete(name);
  }

  async createChannel(channel: AlertChannel): Promise<void> {
    if (this.#channels.has(channel.id)) throw new Error(`alert channel ${channel.id} already exists`);
    this.#channels.set(channel.id, copy(channel));
  }

  async getChannel(id: string): Promise<AlertChannel | null> {
    const c = this.#channels.get(id);
    return c ? copy(c) : null;
  }

  async listChannels(): Promise<AlertChannel[]> {
    return copy(
      [...this.#channels.values()].sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1)),
    );
  }

  async updateChannel(channel: AlertChannel): Promise<boolean> {
    if (!this.#channels.has(channel.id)) return false;
    this.#channels.set(channel.id, copy(channel));
    return true;
  }

  async deleteChannel(id: string): Promise<boolean> {
    return this.#channels.delete(id);
  }

  async purge(before: number): Promise<number> {
    let n = 0;
    for (const [id, d] of this.#deliveries)
      if ((d.status === 'delivered' || d.status === 'failed') && d.createdAt < before) {
        this.#deliveries.delete(id);
        n++;
      }
    for (let i = this.#attempts.length - 1; i >= 0; i--)
      if (!this.#deliveries.has(this.#attempts[i]!.deliveryId)) this.#attempts.splice(i, 1);
    return n;
  }
}
