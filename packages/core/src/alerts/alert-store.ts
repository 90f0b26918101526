import type { AlertEvent } from './alert-event.ts';
import type { AlertChannel } from './channel.ts';
import type { MessageKind } from './channels/outgoing.ts';

/** An event waiting in the outbox. `seq` orders the outbox (assigned by the store). */
export interface OutboxEntry {
  seq: number;
  event: AlertEvent;
  createdAt: number;
}

/**
 * What the dispatcher remembers of a condition (by fingerprint): firing (notified, a reminder due at
 * `nextReminderAt`) or resolving (cleared at `resolveAt` unless it fires again within the flap window).
 */
export interface AlertState {
  fingerprint: string;
  status: 'firing' | 'resolving';
  /** The latest firing event. */
  event: AlertEvent;
  since: number;
  notifiedAt: number;
  nextReminderAt: number;
  resolveAt: number | null;
  resolvedEvent: AlertEvent | null;
  /** Channels that got the alert (and so get the reminder and the resolution). */
  channelIds: string[];
}

export const DELIVERY_STATUSES = ['pending', 'sending', 'delivered', 'failed'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/** One message to one channel. `id` is the idempotency key the receiver sees; it never changes across retries. */
export interface Delivery {
  id: string;
  channelId: string;
  kind: MessageKind;
  event: AlertEvent;
  since: number | null;
  status: DeliveryStatus;
  attempts: number;
  nextAttemptAt: number;
  /** While `sending`: the claim's lease; a claim past it belongs to a dead process and is taken again. */
  claimedUntil: number | null;
  lastStatus: number | null;
  lastError: string | null;
  createdAt: number;
  deliveredAt: number | null;
}

/** One HTTP attempt of a delivery. */
export interface DeliveryAttempt {
  deliveryId: string;
  attempt: number;
  at: number;
  durationMs: number;
  httpStatus: number | null;
  error: string | null;
  outcome: 'delivered' | 'retry' | 'failed';
}

/** The outcome of processing one outbox entry (or a due state), written in one atomic step. */
export interface OutboxCommit {
  /** The outbox entry consumed (deleted), or null for a due-state step. */
  seq: number | null;
  fingerprint?: string;
  /** The new state of `fingerprint`: a state to store, null to delete, undefined to leave. */
  state?: AlertState | null;
  deliveries: Delivery[];
}

/**
 * Alerts storage: channels (secrets sealed), the outbox, condition states, deliveries and their attempts, and a
 * lease lock so one dispatcher at a time turns outbox entries into deliveries. Memory and libSQL/D1 implement it;
 * the contract suite in @cts/testkit checks both.
 */
export interface AlertStore {
  /** Appends events (for events not tied to a connection write; those go through ConnectionRepo.update). */
  enqueue(events: AlertEvent[], now: number): Promise<void>;
  /** Oldest first. */
  pendingOutbox(limit: number): Promise<OutboxEntry[]>;
  /** Applies a commit atomically. False (and nothing written) when `seq` was already consumed. */
  commit(commit: OutboxCommit): Promise<boolean>;
  getState(fingerprint: string): Promise<AlertState | null>;
  /** States whose reminder or resolution is due at `now`. */
  dueStates(now: number, limit: number): Promise<AlertState[]>;
  /**
   * Claims up to `limit` deliveries due at `now` — pending with nextAttemptAt ≤ now, or `sending` with an expired
   * claim — marking them `sending` until `now + leaseMs`. Atomic: two dispatchers never claim the same row.
   */
  claimDeliveries(now: number, leaseMs: number, limit: number): Promise<Delivery[]>;
  /** Records an attempt and the delivery's new status together. */
  recordAttempt(delivery: Delivery, attempt: DeliveryAttempt): Promise<void>;
  /** Newest first. */
  listDeliveries(options?: { limit?: number; channelId?: string }): Promise<Delivery[]>;
  getDelivery(id: string): Promise<Delivery | null>;
  listAttempts(deliveryId: string): Promise<DeliveryAttempt[]>;
  /** The earliest time work is due (a pending delivery, a reminder, a resolution), or null. */
  nextDueAt(): Promise<number | null>;
  /** Takes (or renews) the lock `name` for `holder` until `now + leaseMs`; false while another holder has it. */
  acquireLock(name: string, holder: string, now: number, leaseMs: number): Promise<boolean>;
  releaseLock(name: string, holder: string): Promise<void>;
  createChannel(channel: AlertChannel): Promise<void>;
  getChannel(id: string): Promise<AlertChannel | null>;
  /** Ordered by createdAt, then id. */
  listChannels(): Promise<AlertChannel[]>;
  /** Replaces the stored channel; false for an unknown id. */
  updateChannel(channel: AlertChannel): Promise<boolean>;
  deleteChannel(id: string): Promise<boolean>;
  /** Deletes finished deliveries (and their attempts) created before `before`. */
  purge(before: number): Promise<number>;
}
