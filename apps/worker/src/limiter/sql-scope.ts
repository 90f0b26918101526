import type { SqlStorage } from '@cloudflare/workers-types';
import { type BucketRule, type Reservation, type ScopeFeedback, SlidingLog } from '@cts/core/limiter';

/** Rows older than every window are deleted in steps of at least this many (one DELETE, not one per call). */
const PRUNE_STEP = 64;

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

  constructor(sql: SqlStorage) {
    this.#sql = sql;
    sql.exec(`CREATE TABLE IF NOT EXISTS entries (id INTEGER PRIMARY KEY, t REAL NOT NULL, cost REAL NOT NULL);
      CREATE TABLE IF NOT EXISTS slots (id INTEGER PRIMARY KEY);
      CREATE TABLE IF NOT EXISTS meta (k TEXT PRIMARY KEY, v REAL NOT NULL);`);
  }

  reserve(rule: BucketRule, cost: number, now: number): Reservation {
    const log = this.#advance(rule, now);
    const r = log.reserve(cost, now);
    if (r.ok && rule.concurrency !== undefined) this.#sql.exec('INSERT INTO slots (id) VALUES (?)', r.id);
    this.#flush(log);
    return r;
  }

  release(id: number): void {
    this.#log?.release(id);
    this.#sql.exec('DELETE FROM slots WHERE id = ?', id);
  }

  cancel(id: number): void {
    this.#log?.cancel(id);
    this.#sql.exec('UPDATE entries SET cost = 0 WHERE id = ?', id);
    this.#sql.exec('DELETE FROM slots WHERE id = ?', id);
  }

  feedback(rule: BucketRule, feedback: ScopeFeedback, now: number): void {
    const log = this.#advance(rule, now);
    log.feedback(feedback, now);
    this.#flush(log);
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
    const active = this.#sql
      .exec<{ id: number }>('SELECT id FROM slots')
      .toArray()
      .map((r) => r.id);
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

  #setMeta(k: string, v: number): void {
    this.#sql.exec(
      'INSERT INTO meta (k, v) VALUES (?, ?) ON CONFLICT (k) DO UPDATE SET v = excluded.v',
      k,
      v,
    );
  }
}
