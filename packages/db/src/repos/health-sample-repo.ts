import type { HealthSample, HealthSampleRepo } from '@cts/core/storage';
import { and, asc, eq, gte, sql } from 'drizzle-orm';
import { affectedRows, type CtsDatabase } from '../database.ts';
import { healthSamples } from '../schema/health-samples.ts';

export interface HealthSampleRepoOptions {
  /** Rows deleted per statement by deleteOlderThan, so one call never holds the database long. @default 5000 */
  deleteChunk?: number;
}

/** Health samples, indexed by (connection_id, at); retention deletes in bounded chunks. */
export class LibsqlHealthSampleRepo implements HealthSampleRepo {
  readonly #db: CtsDatabase;
  readonly #deleteChunk: number;

  constructor(db: CtsDatabase, options: HealthSampleRepoOptions = {}) {
    const chunk = options.deleteChunk ?? 5000;
    if (!Number.isInteger(chunk) || chunk < 1) throw new TypeError('deleteChunk: expected an integer >= 1');
    this.#db = db;
    this.#deleteChunk = chunk;
  }

  async add(sample: HealthSample): Promise<void> {
    await this.#db.insert(healthSamples).values({
      connectionId: sample.connectionId,
      at: sample.at,
      success: sample.success,
      responseTimeMs: Math.round(sample.responseTimeMs),
      errorCode: sample.errorCode ?? null,
    });
  }

  async listSince(connectionId: string, since: number): Promise<HealthSample[]> {
    const rows = await this.#db
      .select()
      .from(healthSamples)
      .where(and(eq(healthSamples.connectionId, connectionId), gte(healthSamples.at, since)))
      .orderBy(asc(healthSamples.at), asc(healthSamples.id));
    return rows.map((r) => ({
      connectionId: r.connectionId,
      at: r.at,
      success: r.success,
      responseTimeMs: r.responseTimeMs,
      errorCode: r.errorCode,
    }));
  }

  async deleteOlderThan(before: number): Promise<number> {
    let total = 0;
    for (;;) {
      const result = await this.#db.run(
        sql`DELETE FROM ${healthSamples} WHERE ${healthSamples.id} IN (SELECT ${healthSamples.id} FROM ${healthSamples} WHERE ${healthSamples.at} < ${before} LIMIT ${this.#deleteChunk})`,
      );
      const n = affectedRows(result);
      total += n;
      if (n < this.#deleteChunk) return total;
    }
  }
}
