import type { SqlStorage } from '@cloudflare/workers-types';
import { type BucketRule, type Reservation, type ScopeFeedback, SlidingLog } from '@cts/core/limiter';

/** Rows older than every window are deleted in steps of at least this many (one DELETE, not one per call). */
const PRUNE_STEP = 64;

/**
 * A concurrency slot still held this long after its reservation is taken as abandoned (a server that died before
 * releasing its permit) and freed, so a crash cannot block a scope for ever. Connector requests time out in seconds.
 */
export const SLOT_LEASE_MS = 300_000;

/**
 * One limiter scope kept in a Durable Object's SQLite storage: core's SlidingLog in memory (the decisions), with
 * every change written through to three tables (the log's entries, the held concurrency slots, the pause). The
 * log is rebuilt from the rows when the object starts. Methods are synchronous: the caller runs each one inside
 * `transactionSync`, so a decision and its rows commit together and no other call interleaves.
 */
export class SqlScope {
  readonly #sql: SqlStorage;
  #log: SlidingLog | undefined;
  /** The id the next appended entry gets, as far as the rows know. */
  #persistedNext = 0;
  #prunedBelow = 0;
  #blockedUntil = 0;
  /** Held slots: reservation id → when it was reserved. */
  readonly #slots = new Map<number, number>();

  constructor(sql: SqlStorage) {
    this.#sql = sql;
    sql.exec(`CREATE TABLE IF NOT EXISTS entries (id INTEGER PRIMARY KEY, t REAL NOT NULL, cost REAL NOT NULL);
      CREATE TABLE IF NOT EXISTS slots (id INTEGER PRIMARY KEY, at REAL NOT NULL);
      CREATE TABLE IF NOT EXISTS meta (k TEXT PRIMARY KEY, v REAL NOT NULL);`);
  }

  reserve(rule: BucketRule, cost: number, now: number): Reservation {
    const log = this.#advance(rule, now);
    const r = log.reserve(cost, now);
    if (r.ok && rule.concurrency !== undefined) {
      this.#sql.exec('INSERT INTO slots (id, at) VALUES (?, ?)', r.id, now);
      this.#slots.set(r.id, now);
    }
    this.#flush(log);
    return r;
  }

  release(id: number): void {
    this.#log?.release(id);
    this.#freeSlot(id);
  }

  cancel(id: number): void {
    this.#log?.cancel(id);
    this.#sql.exec('UPDATE entries SET cost = 0 WHERE id = ?', id);
    this.#freeSlot(id);
  }

  feedback(rule: BucketRule, feedback: ScopeFeedback, now: number): void {
    const log = this.#advance(rule, now);
    log.feedback(feedback, now);
    if (feedback.ended) this.#zero(feedback.ended.id);
    this.#flush(log);
  }

  /**
   * Requests' ends: each entry leaves its permit time and counts again from its `at` (the log keeps time order, so
   * an end older than the newest entry counts from that entry's time: later, never earlier).
   */
  ended(rule: BucketRule, ended: readonly { id: number; cost: number; at: number }[]): void {
    const log = this.#advance(
      rule,
      ended.reduce((t, e) => Math.max(t, e.at), Number.NEGATIVE_INFINITY),
    );
    for (const e of ended) {
      log.feedback({ ended: { id: e.id, cost: e.cost } }, e.at);
      this.#zero(e.id);
    }
    this.#flush(log);
  }

  /** The row of an entry whose cost moved to a new entry (or was cancelled). */
  #zero(id: number): void {
    if (id < this.#persistedNext) this.#sql.exec('UPDATE entries SET cost = 0 WHERE id = ?', id);
  }

  snapshot(rule: BucketRule, now: number): ReturnType<SlidingLog['snapshot']> {
    const log = this.#advance(rule, now);
    this.#flush(log);
    return log.snapshot();
  }

  /** The log, loaded from the rows on first use, brought up to `now`; expired rows are pruned now and then. */
  #advance(rule: BucketRule, now: number): SlidingLog {
    this.#log ??= this.#load(rule);
    const log = this.#log;
    log.advance(rule, now);
    for (const [id, at] of this.#slots)
      if (at <= now - SLOT_LEASE_MS) {
        log.release(id);
        this.#freeSlot(id);
      }
    const firstLive = log.base + log.head;
    if (firstLive - this.#prunedBelow >= PRUNE_STEP) {
      this.#sql.exec('DELETE FROM entries WHERE id < ?', firstLive);
      this.#setMeta('base', firstLive);
      this.#prunedBelow = firstLive;
    }
    return log;
  }

  #load(rule: BucketRule): SlidingLog {
    const meta = new Map<string, number>();
    for (const row of this.#sql.exec<{ k: string; v: number }>('SELECT k, v FROM meta'))
      meta.set(row.k, row.v);
    const base = meta.get('base') ?? 1;
    const times: number[] = [];
    const costs: number[] = [];
    const rows = this.#sql.exec<{ id: number; t: number; cost: number }>(
      'SELECT id, t, cost FROM entries WHERE id >= ? ORDER BY id',
      base,
    );
    for (const row of rows) {
      // Ids are contiguous from `base`; a gap (never written) counts as a zero-cost entry.
      while (base + times.length < row.id) {
        times.push(times.length > 0 ? times[times.length - 1]! : row.t);
        costs.push(0);
      }
      times.push(row.t);
      costs.push(row.cost);
    }
    this.#slots.clear();
    for (const row of this.#sql.exec<{ id: number; at: number }>('SELECT id, at FROM slots'))
      this.#slots.set(row.id, row.at);
    const active = [...this.#slots.keys()];
    this.#blockedUntil = meta.get('blocked_until') ?? 0;
    this.#prunedBelow = base;
    this.#persistedNext = base + times.length;
    return SlidingLog.restore(rule, { base, times, costs, active, blockedUntil: this.#blockedUntil });
  }

  /** Writes entries appended since the last flush, and a changed pause. */
  #flush(log: SlidingLog): void {
    const next = log.base + log.times.length;
    for (let id = this.#persistedNext; id < next; id++)
      this.#sql.exec(
        'INSERT INTO entries (id, t, cost) VALUES (?, ?, ?)',
        id,
        log.times[id - log.base]!,
        log.costs[id - log.base]!,
      );
    this.#persistedNext = next;
    if (log.blockedUntil !== this.#blockedUntil) {
      this.#setMeta('blocked_until', log.blockedUntil);
      this.#blockedUntil = log.blockedUntil;
    }
  }

  /** Always deletes the row: a release may arrive before the log was loaded (the map is still empty then). */
  #freeSlot(id: number): void {
    this.#slots.delete(id);
    this.#sql.exec('DELETE FROM slots WHERE id = ?', id);
  }

  #setMeta(k: string, v: number): void {
    this.#sql.exec(
      'INSERT INTO meta (k, v) VALUES (?, ?) ON CONFLICT (k) DO UPDATE SET v = excluded.v',
      k,
      v,
    );
  }
}
