import { existsSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
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

  it('talks to a remote libsql:// server over HTTP with the auth token, never echoing it', async () => {
    const seen: Array<{ url?: string; auth?: string }> = [];
    const server = createServer((req, res) => {
      seen.push({ url: req.url, auth: req.headers.authorization });
      res.writeHead(503).end();
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const { port } = server.address() as AddressInfo;
    const client = createLibsqlClient(`libsql://127.0.0.1:${port}?tls=0`, 'secret-token-123');
    const err = await client.execute('SELECT 1').catch((e: unknown) => e as Error);
    client.close();
    server.close();
    expect(err).toBeInstanceOf(Error);
    expect(String(err)).not.toContain('secret-token-123');
    expect(seen.length).toBeGreaterThan(0);
    expect(seen[0]!.auth).toBe('Bearer secret-token-123');
  });

  it('rejects an empty url with a TypeError naming it', () => {
    expect(() => createLibsqlClient('')).toThrow(/^url: expected/);
  });
});
