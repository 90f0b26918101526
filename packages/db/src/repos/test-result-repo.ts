import type { StoredTestResult, TestResultRepo } from '@cts/core/storage';
import { desc, eq, lt } from 'drizzle-orm';
import { affectedRows, type CtsDatabase } from '../database.ts';
import { testResults } from '../schema/test-results.ts';

function checkLimit(limit: number): void {
  if (!Number.isInteger(limit) || limit < 0) throw new TypeError('limit: expected an integer >= 0');
}

/** Test results with their step log, newest first per connection. */
export class LibsqlTestResultRepo implements TestResultRepo {
  readonly #db: CtsDatabase;

  constructor(db: CtsDatabase) {
    this.#db = db;
  }

  async add(entry: StoredTestResult): Promise<void> {
    const { log, ...rest } = entry.result;
    await this.#db.insert(testResults).values({
      id: entry.id,
      connectionId: entry.connectionId,
      startedAt: entry.startedAt,
      success: entry.result.success,
      durationMs: Math.round(entry.result.duration),
      errorCode: entry.result.error?.code ?? null,
      log,
      result: rest,
    });
  }

  async listByConnection(connectionId: string, limit: number): Promise<StoredTestResult[]> {
    checkLimit(limit);
    if (limit === 0) return [];
    const rows = await this.#db
      .select()
      .from(testResults)
      .where(eq(testResults.connectionId, connectionId))
      .orderBy(desc(testResults.startedAt), desc(testResults.id))
      .limit(limit);
    return rows.map((r) => ({
      id: r.id,
      connectionId: r.connectionId,
      startedAt: r.startedAt,
      result: { ...r.result, log: r.log },
    }));
  }

  async deleteOlderThan(before: number): Promise<number> {
    return affectedRows(await this.#db.delete(testResults).where(lt(testResults.startedAt, before)));
  }
}
