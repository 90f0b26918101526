import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createDb, createLibsqlClient } from './client.ts';
import { tempDir } from './test-helpers.ts';

describe('createLibsqlClient', () => {
  const tmp = tempDir();
  afterAll(() => tmp.cleanup());

  it('creates the folder of a file: database', async () => {
    const client = createLibsqlClient(tmp.url('a/b/cts.db'));
    tmp.track(client);
    await createDb(client).$client.execute('CREATE TABLE t (x)');
    expect(existsSync(join(tmp.dir, 'a/b/cts.db'))).toBe(true);
  });

  it('runs a file database in WAL mode, synchronous NORMAL, with foreign keys on', async () => {
    const client = createLibsqlClient(tmp.url('pragmas.db'));
    tmp.track(client);
    const read = async (p: string) => Object.values((await client.execute(`PRAGMA ${p}`)).rows[0]!)[0];
    const [mode, sync, fk, busy] = await Promise.all(
      ['journal_mode', 'synchronous', 'foreign_keys', 'busy_timeout'].map(read),
    );
    expect({ mode, sync, fk, busy }).toEqual({ mode: 'wal', sync: 1, fk: 1, busy: 5000 });
    const memory = createLibsqlClient(':memory:');
    expect(Object.values((await memory.execute('PRAGMA foreign_keys')).rows[0]!)[0]).toBe(1);
    memory.close();
  });

  it('rejects an empty url with a TypeError naming it', () => {
    expect(() => createLibsqlClient('')).toThrow(/^url: expected/);
  });
});
