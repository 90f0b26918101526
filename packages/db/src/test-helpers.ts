import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Client } from '@libsql/client';
import { createDb, createLibsqlClient } from './client.ts';
import { migrate } from './migrate/migrate.ts';
import { createLibsqlStorage } from './storage.ts';

/** Test-only: a migrated libSQL storage over `url`, with its client. */
export async function openStorage(url = ':memory:') {
  const client = createLibsqlClient(url);
  const db = createDb(client);
  await migrate(db);
  return { client, db, storage: createLibsqlStorage(db) };
}

/** Test-only: a temp folder and a cleanup that closes the clients opened in it and removes it. */
export function tempDir(prefix = 'cts-db-') {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const clients: Client[] = [];
  return {
    dir,
    url: (name: string) => `file:${join(dir, name)}`,
    track: (c: Client) => clients.push(c),
    cleanup: () => {
      for (const c of clients) c.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
