import { createDb, createLibsqlClient, createLibsqlStorage, migrate } from '@cts/db';
import { blob, connectionFields, ManualClock, runStorageContract } from '@cts/testkit';
import { describe, expect, it } from 'vitest';
import { CachingConnectionRepo, cacheConnections } from './caching-connection-repo.ts';
import { MemoryConnectionRepo } from './memory/memory-connection-repo.ts';
import { createMemoryStorage } from './memory/memory-storage.ts';
import { type ConnectionRepo, VersionConflictError } from './ports.ts';

const T0 = Date.UTC(2026, 0, 27, 10, 0, 0);

runStorageContract('memory behind CachingConnectionRepo', async () =>
  cacheConnections(createMemoryStorage()),
);
runStorageContract('libSQL :memory: behind CachingConnectionRepo', async () => {
  const db = createDb(createLibsqlClient(':memory:'));
  await migrate(db);
  return cacheConnections(createLibsqlStorage(db));
});

/** `inner` with some methods replaced. */
function wrap(inner: ConnectionRepo, overrides: Partial<ConnectionRepo>): ConnectionRepo {
  return {
    create: (...a) => inner.create(...a),
    get: (id) => inner.get(id),
    list: (f) => inner.list(f),
    update: (...a) => inner.update(...a),
    delete: (id) => inner.delete(id),
    getCredentials: (id) => inner.getCredentials(id),
    listCredentials: () => inner.listCredentials(),
    replaceCredentials: (...a) => inner.replaceCredentials(...a),
    ...overrides,
  };
}

/** A repo that counts the reads that reach it. */
function counted(inner: ConnectionRepo): ConnectionRepo & { reads: { list: number; get: number } } {
  const reads = { list: 0, get: 0 };
  return Object.assign(wrap(inner, {}), {
    reads,
    list: (f?: Parameters<ConnectionRepo['list']>[0]) => {
      reads.list++;
      return inner.list(f);
    },
    get: (id: string) => {
      reads.get++;
      return inner.get(id);
    },
  });
}

async function twoWriters() {
  const db = createDb(createLibsqlClient(':memory:'));
  await migrate(db);
  const shared = createLibsqlStorage(db).connections;
  return { shared, cached: new CachingConnectionRepo(shared) };
}

describe('CachingConnectionRepo', () => {
  it('fills once from storage, then serves get and list without reaching it', async () => {
    const inner = counted(new MemoryConnectionRepo());
    await inner.create('a', connectionFields(), blob('a'), T0);
    const repo = new CachingConnectionRepo(inner);
    for (let i = 0; i < 3; i++) {
      expect((await repo.list()).map((r) => r.id)).toEqual(['a']);
      expect((await repo.get('a'))?.id).toBe('a');
    }
    expect(inner.reads).toEqual({ list: 1, get: 0 });
  });

  it('shows every write it makes in the next list: create, update, state change, delete', async () => {
    const repo = new CachingConnectionRepo(new MemoryConnectionRepo());
    expect(await repo.list()).toEqual([]);
    await repo.create('a', connectionFields(), blob('a'), T0);
    await repo.create('b', connectionFields({ exchange: 'okx' }), blob('b'), T0 + 1);
    expect((await repo.list()).map((r) => r.id)).toEqual(['a', 'b']);
    await repo.update('a', { name: 'Renamed', state: 'active' }, { now: T0 + 2, expectedVersion: 1 });
    expect(await repo.get('a')).toMatchObject({ name: 'Renamed', is_active: true, version: 2 });
    expect((await repo.list({ active: true })).map((r) => r.id)).toEqual(['a']);
    expect((await repo.list({ exchange: 'okx' })).map((r) => r.id)).toEqual(['b']);
    await repo.delete('b');
    expect((await repo.list()).map((r) => r.id)).toEqual(['a']);
    expect(await repo.get('b')).toBeNull();
  });

  it('returns the same frozen list for the same filter until a write, and frozen records', async () => {
    const repo = new CachingConnectionRepo(new MemoryConnectionRepo());
    await repo.create(
      'a',
      connectionFields({ last_error: { code: 'timeout', message: 'slow', hint: 'retry' } }),
      blob('a'),
      T0,
    );
    const first = await repo.list();
    expect(await repo.list()).toBe(first);
    expect(await repo.list({ exchange: 'bybit' })).not.toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
    expect(Object.isFrozen(first[0])).toBe(true);
    expect(Object.isFrozen(first[0]?.last_error)).toBe(true);
    await repo.update('a', { name: 'x' }, { now: T0 + 1 });
    const second = await repo.list();
    expect(second).not.toBe(first);
    expect(second[0]?.name).toBe('x');
  });

  it('leaves version checks to storage, and takes its record on a conflict', async () => {
    const { shared, cached } = await twoWriters();
    await cached.create('a', connectionFields(), blob('a'), T0);
    await shared.update('a', { name: 'by another writer' }, { now: T0 + 1, expectedVersion: 1 });
    expect((await cached.get('a'))?.version).toBe(1); // not seen yet: the price of caching
    await expect(cached.update('a', { name: 'mine' }, { now: T0 + 2, expectedVersion: 1 })).rejects.toThrow(
      VersionConflictError,
    );
    expect(await cached.get('a')).toMatchObject({ name: 'by another writer', version: 2 });
  });

  it("looks up an id it does not hold in storage (another writer's create)", async () => {
    const { shared, cached } = await twoWriters();
    expect(await cached.list()).toEqual([]);
    await shared.create('b', connectionFields(), blob('b'), T0);
    expect((await cached.get('b'))?.id).toBe('b');
    expect((await cached.list()).map((r) => r.id)).toEqual(['b']);
  });

  it("reloads after maxAgeMs, so another writer's changes show within it", async () => {
    const { shared } = await twoWriters();
    const clock = new ManualClock({ start: T0 });
    const cached = new CachingConnectionRepo(shared, { maxAgeMs: 1000, clock });
    expect(await cached.list()).toEqual([]);
    await shared.create('a', connectionFields(), blob('a'), T0);
    clock.set(T0 + 999);
    expect(await cached.list()).toEqual([]);
    clock.set(T0 + 1000);
    expect((await cached.list()).map((r) => r.id)).toEqual(['a']);
  });

  it('keeps the writes that land while it reloads', async () => {
    const inner = new MemoryConnectionRepo();
    await inner.create('a', connectionFields(), blob('a'), T0);
    await inner.create('b', connectionFields(), blob('b'), T0);
    const gate = () => {
      let open!: () => void;
      const wait = new Promise<void>((r) => {
        open = r;
      });
      return { wait, open };
    };
    const writes = gate();
    const load = gate();
    let gated = false;
    const slow = wrap(inner, {
      list: async () => {
        const rows = await inner.list(); // the snapshot predates the writes below
        if (gated) await load.wait;
        return rows;
      },
      update: async (...a: Parameters<ConnectionRepo['update']>) => {
        await writes.wait;
        return inner.update(...a);
      },
      delete: async (id: string) => {
        await writes.wait;
        return inner.delete(id);
      },
    });
    const clock = new ManualClock({ start: T0 });
    const repo = new CachingConnectionRepo(slow, { maxAgeMs: 1000, clock });
    expect(await repo.list()).toHaveLength(2);
    const update = repo.update('a', { name: 'during reload' }, { now: T0 + 1 });
    const del = repo.delete('b');
    await Promise.resolve();
    clock.set(T0 + 1000);
    gated = true;
    const reloaded = repo.list();
    await new Promise((r) => setTimeout(r, 0)); // the reload has taken its snapshot
    writes.open();
    await Promise.all([update, del]);
    load.open();
    expect((await reloaded).map((r) => [r.id, r.name, r.version])).toEqual([['a', 'during reload', 2]]);
  });

  it('does not bring back a deleted record when an earlier write reports after the delete', async () => {
    const inner = new MemoryConnectionRepo();
    let open!: () => void;
    const late = new Promise<void>((r) => {
      open = r;
    });
    const repo = new CachingConnectionRepo(
      wrap(inner, {
        update: async (...a) => {
          const updated = await inner.update(...a); // stored before the delete…
          await late; // …reported after it
          return updated;
        },
      }),
    );
    await repo.create('a', connectionFields(), blob('a'), T0);
    const update = repo.update('a', { name: 'late' }, { now: T0 + 1 });
    await new Promise((r) => setTimeout(r, 0));
    await repo.delete('a');
    open();
    await update;
    expect(await repo.get('a')).toBeNull();
    expect(await repo.list()).toEqual([]);
  });

  it('refuses a maxAgeMs that is not positive', () => {
    expect(() => new CachingConnectionRepo(new MemoryConnectionRepo(), { maxAgeMs: 0 })).toThrow(
      /maxAgeMs: must be a positive number/,
    );
  });
});
