import {
  type ConnectionFilter,
  type ConnectionRecord,
  compareConnectionsByCreation,
  matchesConnectionFilter,
  pageConnections,
} from '../connections/connection.ts';
import { type Clock, systemClock } from '../ports/clock.ts';
import type { EncryptedBlob } from './encrypted-blob.ts';
import { type ConnectionRepo, type ConnectionWrite, type Storage, VersionConflictError } from './ports.ts';

export interface ConnectionCacheOptions {
  /**
   * Reload every record from storage once the cache is older than this, so that other writers' changes show within
   * it. Leave the default only where this process is the only writer of the connections table.
   * @default Infinity (filled once, then kept current by this process's own writes)
   */
  maxAgeMs?: number;
  /** For maxAgeMs. @default systemClock */
  clock?: Clock;
}

/** Lists kept per filter between two writes; past this many distinct filters the memo starts over. */
const MAX_LISTS = 64;

function freeze(record: ConnectionRecord): ConnectionRecord {
  if (record.last_error) Object.freeze(record.last_error);
  return Object.freeze(record);
}

/**
 * A write-through cache of connection records in front of a ConnectionRepo: filled from storage on first use, then
 * kept current by every write that goes through it (create, update, delete). Reads (`get`, `list`) never reach
 * storage; writes always do, so version checks stay storage's (a VersionConflictError re-reads that record).
 * Credentials are never cached. Records and lists are frozen and shared: a list is the same array for the same
 * filter until the next write, so callers may memoise work on it (by identity) and must not mutate it.
 *
 * Use it only where every writer of the table goes through this instance (one process), or with `maxAgeMs`.
 * Off on Workers: isolates share D1, and a per-isolate cache would serve another isolate's stale view.
 */
export class CachingConnectionRepo implements ConnectionRepo {
  readonly #inner: ConnectionRepo;
  readonly #maxAgeMs: number;
  readonly #clock: Clock;
  #records: Map<string, ConnectionRecord> | null = null;
  #loading: Promise<Map<string, ConnectionRecord>> | null = null;
  #loadedAt = 0;
  /** Writes applied while a load is in flight, merged into its result (null = deleted). */
  #dirty: Map<string, ConnectionRecord | null> | null = null;
  /** Bumped on every applied write. */
  #seq = 0;
  /** Ids deleted through this cache: a write that lost the race to a delete must not bring its record back. */
  readonly #deleted = new Set<string>();
  #sorted: ConnectionRecord[] | null = null;
  readonly #lists = new Map<string, ConnectionRecord[]>();

  constructor(inner: ConnectionRepo, options: ConnectionCacheOptions = {}) {
    const maxAgeMs = options.maxAgeMs ?? Number.POSITIVE_INFINITY;
    if (!(maxAgeMs > 0)) throw new TypeError('maxAgeMs: must be a positive number of milliseconds');
    this.#inner = inner;
    this.#maxAgeMs = maxAgeMs;
    this.#clock = options.clock ?? systemClock;
  }

  async create(
    id: string,
    fields: ConnectionWrite,
    credentials: EncryptedBlob,
    now: number,
  ): Promise<ConnectionRecord> {
    await this.#ready();
    const record = await this.#inner.create(id, fields, credentials, now);
    this.#deleted.delete(id);
    this.#apply(id, freeze(record));
    return record;
  }

  /** From the cache; an id it does not hold is looked up in storage (a record another writer created). */
  async get(id: string): Promise<ConnectionRecord | null> {
    const records = await this.#ready();
    const cached = records.get(id);
    if (cached) return cached;
    const seq = this.#seq;
    const stored = await this.#inner.get(id);
    if (!stored) return null;
    if (seq === this.#seq) this.#apply(id, freeze(stored));
    return stored;
  }

  /** Ordered by created_at, then id. The array and its records are frozen and shared (a page: a fresh array). */
  async list(filter: ConnectionFilter = {}): Promise<ConnectionRecord[]> {
    const all = await this.#list(filter);
    return filter.after === undefined && filter.limit === undefined
      ? all
      : (pageConnections(all, filter) as ConnectionRecord[]);
  }

  async #list(filter: ConnectionFilter): Promise<ConnectionRecord[]> {
    await this.#ready();
    const key = `${filter.exchange}|${filter.apiType}|${filter.enabled}|${filter.active}|${filter.state}`;
    const memo = this.#lists.get(key);
    if (memo) return memo;
    this.#sorted ??= [...(this.#records ?? []).values()].sort(compareConnectionsByCreation);
    const list = Object.freeze(
      this.#sorted.filter((r) => matchesConnectionFilter(r, filter)),
    ) as ConnectionRecord[];
    if (this.#lists.size >= MAX_LISTS) this.#lists.clear();
    this.#lists.set(key, list);
    return list;
  }

  async update(
    id: string,
    patch: Partial<ConnectionWrite>,
    options: Parameters<ConnectionRepo['update']>[2],
  ): Promise<ConnectionRecord | null> {
    await this.#ready();
    let updated: ConnectionRecord | null;
    try {
      updated = await this.#inner.update(id, patch, options);
    } catch (err) {
      if (err instanceof VersionConflictError) {
        // Another writer got there first: take storage's current record.
        const seq = this.#seq;
        const current = await this.#inner.get(id);
        if (seq === this.#seq) this.#apply(id, current && freeze(current));
      }
      throw err;
    }
    this.#apply(id, updated && freeze(updated));
    return updated;
  }

  async delete(id: string): Promise<boolean> {
    await this.#ready();
    const existed = await this.#inner.delete(id);
    this.#deleted.add(id);
    this.#apply(id, null);
    return existed;
  }

  getCredentials(id: string): Promise<EncryptedBlob | null> {
    return this.#inner.getCredentials(id);
  }

  listCredentials(): Promise<Array<{ id: string; credentials: EncryptedBlob }>> {
    return this.#inner.listCredentials();
  }

  replaceCredentials(
    ...args: Parameters<ConnectionRepo['replaceCredentials']>
  ): ReturnType<ConnectionRepo['replaceCredentials']> {
    return this.#inner.replaceCredentials(...args);
  }

  /** Drops the cache: the next read fills it from storage again. */
  invalidate(): void {
    if (this.#loading) return; // the load in flight is at least as new
    this.#records = null;
    this.#sorted = null;
    this.#lists.clear();
  }

  #ready(): Promise<Map<string, ConnectionRecord>> {
    if (this.#records && this.#clock.now() - this.#loadedAt < this.#maxAgeMs)
      return Promise.resolve(this.#records);
    this.#loading ??= this.#load().finally(() => {
      this.#loading = null;
    });
    return this.#loading;
  }

  async #load(): Promise<Map<string, ConnectionRecord>> {
    const dirty = new Map<string, ConnectionRecord | null>();
    this.#dirty = dirty;
    try {
      const loaded = new Map((await this.#inner.list()).map((r) => [r.id, freeze(r)] as const));
      for (const [id, record] of dirty) {
        if (record === null) loaded.delete(id);
        else if ((loaded.get(id)?.version ?? 0) < record.version) loaded.set(id, record);
      }
      this.#records = loaded;
      this.#loadedAt = this.#clock.now();
      this.#sorted = null;
      this.#lists.clear();
      return loaded;
    } finally {
      this.#dirty = null;
    }
  }

  /** Applies one write's outcome: a record (kept unless the cache holds a newer version) or null (gone). */
  #apply(id: string, record: ConnectionRecord | null): void {
    if (record !== null && this.#deleted.has(id)) return;
    this.#seq++;
    this.#dirty?.set(id, record);
    const records = this.#records;
    if (!records) return;
    if (record === null) records.delete(id);
    else if ((records.get(id)?.version ?? 0) < record.version) records.set(id, record);
    else return;
    this.#sorted = null;
    this.#lists.clear();
  }
}

/**
 * The same Storage with a write-through connection cache (CachingConnectionRepo) in front of its connections.
 * @example
 * const storage = cacheConnections(createLibsqlStorage(db)); // single-process Node/Bun/Deno server
 */
export function cacheConnections(storage: Storage, options?: ConnectionCacheOptions): Storage {
  return { ...storage, connections: new CachingConnectionRepo(storage.connections, options) };
}
