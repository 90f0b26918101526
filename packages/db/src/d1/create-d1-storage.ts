import type { Storage } from '@cts/core/storage';
import { type AnyD1Database, drizzle } from 'drizzle-orm/d1';
import type { CtsDatabase } from '../database.ts';
import * as schema from '../schema/index.ts';
import { createLibsqlStorage, type SqlStorageOptions } from '../storage.ts';

/** A drizzle database over a D1 binding, with the CTS schema. */
export function createD1Db(d1: AnyD1Database): CtsDatabase {
  return drizzle(d1, { schema }) as unknown as CtsDatabase;
}

/**
 * The same repositories as createLibsqlStorage, over Cloudflare D1. Apply the schema first with
 * `migrateBundled(createD1Db(env.DB))` (Workers cannot read the migrations folder).
 *
 * @example
 * const storage = createD1Storage(env.DB);
 */
export function createD1Storage(d1: AnyD1Database, options: SqlStorageOptions = {}): Storage {
  return createLibsqlStorage(createD1Db(d1), options);
}
