/** Storage for the Worker: D1 (binding DB) by default, or a remote libSQL database over HTTP when configured. */
import type { Storage } from '@cts/core';
import { type CtsDatabase, createD1Db, createLibsqlStorage, migrateBundled } from '@cts/db/d1';
import * as schema from '@cts/db/schema';
import { createClient } from '@libsql/client/web';
import { drizzle } from 'drizzle-orm/libsql/web';
import type { Bindings, WorkerEnv } from './env.ts';

/**
 * Opens and migrates (the bundled migrations: the same as libSQL's, idempotent) the database: a remote libSQL
 * (`@libsql/client/web`, CTS_DATABASE_URL + CTS_DATABASE_AUTH_TOKEN) when CTS_DATABASE_URL is set, else D1.
 */
export async function openWorkerStorage(env: WorkerEnv, bindings: Bindings): Promise<Storage> {
  let db: CtsDatabase;
  if (env.CTS_DATABASE_URL) {
    const client = createClient({ url: env.CTS_DATABASE_URL, authToken: env.CTS_DATABASE_AUTH_TOKEN });
    db = drizzle(client, { schema }) as unknown as CtsDatabase;
  } else {
    if (!bindings.DB) throw new TypeError('DB: bind a D1 database as DB, or set CTS_DATABASE_URL');
    db = createD1Db(bindings.DB);
  }
  await migrateBundled(db);
  return createLibsqlStorage(db);
}
