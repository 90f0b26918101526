import type { ConnectionFilter, ConnectionRecord } from '@cts/core/connections';
import {
  type ConnectionRepo,
  type ConnectionWrite,
  type EncryptedBlob,
  VersionConflictError,
} from '@cts/core/storage';
import { and, asc, eq, exists, getTableColumns, type SQL, sql } from 'drizzle-orm';
import type { CtsDatabase } from '../database.ts';
import { alertOutbox } from '../schema/alert-outbox.ts';
import { connectionCredentials } from '../schema/connection-credentials.ts';
import { type ConnectionRow, connections } from '../schema/connections.ts';
import { healthSamples } from '../schema/health-samples.ts';
import { testResults } from '../schema/test-results.ts';
import { toColumns, toInsert, toRecord } from './connection-rows.ts';

/** What a list reads: every stored column but the two generated ones (toRecord derives those flags from state). */
const { isEnabled: _isEnabled, isActive: _isActive, ...LIST_COLUMNS } = getTableColumns(connections);

/** Retries of an update without `expectedVersion` that lost a race to another writer. */
const UNCONDITIONAL_RETRIES = 5;

function blobColumns(blob: EncryptedBlob) {
  return { keyId: blob.keyId, iv: blob.iv, ciphertext: blob.ciphertext };
}

/**
 * Connections and their encrypted credentials over drizzle's SQLite API (libSQL and D1 alike). Multi-row writes go
 * through one `batch` (atomic); optimistic concurrency is a `WHERE version = ?` on the write itself.
 */
export class LibsqlConnectionRepo implements ConnectionRepo {
  readonly #db: CtsDatabase;

  constructor(db: CtsDatabase) {
    this.#db = db;
  }

  async create(
    id: string,
    fields: ConnectionWrite,
    credentials: EncryptedBlob,
    now: number,
  ): Promise<ConnectionRecord> {
    const db = this.#db;
    const [rows] = await db.batch([
      db
        .insert(connections)
        .values(toInsert(id, fields, now))
        .returning(),
      db.insert(connectionCredentials).values({ connectionId: id, ...blobColumns(credentials) }),
    ]);
    return toRecord(rows[0]!);
  }

  async get(id: string): Promise<ConnectionRecord | null> {
    const rows = await this.#db.select().from(connections).where(eq(connections.id, id)).limit(1);
    return rows[0] ? toRecord(rows[0]) : null;
  }

  async list(filter: ConnectionFilter = {}): Promise<ConnectionRecord[]> {
    const where: SQL[] = [];
    if (filter.exchange !== undefined) where.push(eq(connections.exchange, filter.exchange));
    if (filter.apiType !== undefined) where.push(eq(connections.apiType, filter.apiType));
    if (filter.state !== undefined) where.push(eq(connections.state, filter.state));
    if (filter.enabled !== undefined)
      where.push(
        filter.enabled ? sql`${connections.state} <> 'disabled'` : eq(connections.state, 'disabled'),
      );
    if (filter.active !== undefined)
      where.push(filter.active ? eq(connections.state, 'active') : sql`${connections.state} <> 'active'`);
    const { after, limit } = filter;
    if (after)
      where.push(
        // A row value: the (created_at, id) index seeks to it.
        sql`(${connections.createdAt}, ${connections.id}) > (${after.createdAt}, ${after.id})`,
      );
    // One query, stored columns only (measured ≈ 9% faster than select() at 1,000 rows; the rest is the driver's).
    const query = this.#db
      .select(LIST_COLUMNS)
      .from(connections)
      .where(and(...where))
      .orderBy(asc(connections.createdAt), asc(connections.id));
    const rows = await (limit === undefined ? query : query.limit(limit));
    return rows.map((row) => toRecord(row as ConnectionRow));
  }

  async update(
    id: string,
    patch: Partial<ConnectionWrite>,
    options: Parameters<ConnectionRepo['update']>[2],
  ): Promise<ConnectionRecord | null> {
    for (let attempt = 0; ; attempt++) {
      let expected = options.expectedVersion;
      if (expected === undefined) {
        const current = await this.get(id);
        if (!current) return null;
        expected = current.version;
      }
      const updated = await this.#write(id, patch, options, expected);
      if (updated) return updated;
      const actual = await this.get(id);
      if (!actual) return null;
      if (options.expectedVersion !== undefined || attempt >= UNCONDITIONAL_RETRIES)
        throw new VersionConflictError(id, expected, actual.version);
    }
  }

  /**
   * One conditional write: the record — and the blob and the alert outbox rows, in the same batch — only if the
   * version is still `expected`.
   */
  async #write(
    id: string,
    patch: Partial<ConnectionWrite>,
    options: Parameters<ConnectionRepo['update']>[2],
    expected: number,
  ): Promise<ConnectionRecord | null> {
    const db = this.#db;
    const isCurrent = and(eq(connections.id, id), eq(connections.version, expected));
    const updateRecord = db
      .update(connections)
      .set({ ...toColumns(patch), updatedAt: options.now, version: sql`${connections.version} + 1` })
      .where(isCurrent)
      .returning();
    const outbox = options.outbox ?? [];
    if (!options.credentials && outbox.length === 0) {
      const rows = await updateRecord;
      return rows[0] ? toRecord(rows[0]) : null;
    }
    // The guarded writes go first, under the same version check, so all happen or none does.
    const guarded = [];
    if (options.credentials)
      guarded.push(
        db
          .update(connectionCredentials)
          .set(blobColumns(options.credentials))
          .where(
            and(
              eq(connectionCredentials.connectionId, id),
              exists(db.select({ one: sql`1` }).from(connections).where(isCurrent)),
            ),
          ),
      );
    if (outbox.length > 0)
      guarded.push(
        db
          .insert(alertOutbox)
          .select(
            sql`SELECT NULL, value, ${options.now} FROM json_each(${JSON.stringify(outbox)}) WHERE EXISTS (SELECT 1 FROM connections WHERE id = ${id} AND version = ${expected}) ORDER BY key`,
          ),
      );
    const results = await db.batch([guarded[0]!, ...guarded.slice(1), updateRecord]);
    const rows = results[results.length - 1] as Array<typeof connections.$inferSelect>;
    return rows[0] ? toRecord(rows[0]) : null;
  }

  async delete(id: string): Promise<boolean> {
    const db = this.#db;
    const results = await db.batch([
      db.delete(connectionCredentials).where(eq(connectionCredentials.connectionId, id)),
      db.delete(testResults).where(eq(testResults.connectionId, id)),
      db.delete(healthSamples).where(eq(healthSamples.connectionId, id)),
      db.delete(connections).where(eq(connections.id, id)).returning({ id: connections.id }),
    ]);
    return results[3].length > 0;
  }

  async getCredentials(id: string): Promise<EncryptedBlob | null> {
    const rows = await this.#db
      .select()
      .from(connectionCredentials)
      .where(eq(connectionCredentials.connectionId, id))
      .limit(1);
    const row = rows[0];
    return row ? { keyId: row.keyId, iv: row.iv, ciphertext: row.ciphertext } : null;
  }

  async listCredentials(): Promise<Array<{ id: string; credentials: EncryptedBlob }>> {
    const rows = await this.#db
      .select()
      .from(connectionCredentials)
      .orderBy(asc(connectionCredentials.connectionId));
    return rows.map((r) => ({
      id: r.connectionId,
      credentials: { keyId: r.keyId, iv: r.iv, ciphertext: r.ciphertext },
    }));
  }

  async replaceCredentials(
    id: string,
    credentials: EncryptedBlob,
    expected?: EncryptedBlob,
  ): Promise<boolean> {
    const c = connectionCredentials;
    const match = expected
      ? and(
          eq(c.connectionId, id),
          eq(c.keyId, expected.keyId),
          eq(c.iv, expected.iv),
          eq(c.ciphertext, expected.ciphertext),
        )
      : eq(c.connectionId, id);
    const rows = await this.#db
      .update(c)
      .set(blobColumns(credentials))
      .where(match)
      .returning({ id: c.connectionId });
    return rows.length > 0;
  }
}
