import type { BatchJob, BatchRepo, BatchStatus, BatchTaskResult } from '@cts/core/storage';
import { and, asc, desc, eq, inArray, lte, sql } from 'drizzle-orm';
import { affectedRows, type CtsDatabase } from '../database.ts';
import { batchJobs } from '../schema/batch-jobs.ts';
import { batchTasks } from '../schema/batch-tasks.ts';

const TERMINAL: readonly BatchStatus[] = ['completed', 'interrupted', 'cancelled'];
const UNFINISHED: BatchStatus[] = ['queued', 'running'];

type JobRow = typeof batchJobs.$inferSelect;
type TaskRow = typeof batchTasks.$inferSelect;

function toJob(r: JobRow): BatchJob {
  return {
    id: r.id,
    type: r.type,
    status: r.status,
    priority: r.priority,
    connectionIds: r.connectionIds,
    createdAt: r.createdAt,
    startedAt: r.startedAt,
    finishedAt: r.finishedAt,
    expiresAt: r.expiresAt,
  };
}

function toTask(r: TaskRow): BatchTaskResult {
  return {
    batchId: r.batchId,
    connectionId: r.connectionId,
    status: r.status,
    startedAt: r.startedAt,
    finishedAt: r.finishedAt,
    result: r.result ?? null,
    error: r.error ?? null,
  };
}

/**
 * Batch jobs and their tasks. Creating a job writes the job and every task row in one `batch` (the task rows come
 * from one INSERT … SELECT over json_each, so 5,000 tasks cost one statement and two bound parameters — D1 allows
 * 100 per statement); each task result is a single-row update. A killed process leaves whole rows only.
 */
export class LibsqlBatchRepo implements BatchRepo {
  readonly #db: CtsDatabase;

  constructor(db: CtsDatabase) {
    this.#db = db;
  }

  async create(job: BatchJob): Promise<void> {
    const db = this.#db;
    await db.batch([
      db.insert(batchJobs).values({ ...job, connectionIds: [...job.connectionIds] }),
      // A query builder, not db.run: drizzle's D1 batch binds parameters of builders only.
      db
        .insert(batchTasks)
        .select(
          sql`SELECT ${job.id}, value, key, 'queued', NULL, NULL, NULL, NULL FROM json_each(${JSON.stringify(job.connectionIds)})`,
        ),
    ]);
  }

  async get(id: string): Promise<BatchJob | null> {
    const rows = await this.#db.select().from(batchJobs).where(eq(batchJobs.id, id)).limit(1);
    return rows[0] ? toJob(rows[0]) : null;
  }

  /** Newest first (created_at, then id, descending); every job unless `limit` is given. */
  async list(options: { limit?: number } = {}): Promise<BatchJob[]> {
    const { limit } = options;
    if (limit !== undefined && (!Number.isInteger(limit) || limit < 0))
      throw new TypeError('limit: expected an integer >= 0');
    if (limit === 0) return [];
    const query = this.#db.select().from(batchJobs).orderBy(desc(batchJobs.createdAt), desc(batchJobs.id));
    return (limit === undefined ? await query : await query.limit(limit)).map(toJob);
  }

  /** Sets the status; 'running' stamps startedAt (once), a final status stamps finishedAt. Unknown id: no-op. */
  async setStatus(id: string, status: BatchStatus, at: number): Promise<void> {
    const set: Partial<typeof batchJobs.$inferInsert> = { status };
    if (status === 'running')
      set.startedAt = sql`coalesce(${batchJobs.startedAt}, ${at})` as unknown as number;
    if (TERMINAL.includes(status)) set.finishedAt = at;
    await this.#db.update(batchJobs).set(set).where(eq(batchJobs.id, id));
  }

  /** Updates the task's row (one single-row write); a task that is not part of a known job is ignored. */
  async saveTask(task: BatchTaskResult): Promise<void> {
    await this.#db
      .update(batchTasks)
      .set({
        status: task.status,
        startedAt: task.startedAt,
        finishedAt: task.finishedAt,
        result: task.result ?? null,
        error: task.error ?? null,
      })
      .where(and(eq(batchTasks.batchId, task.batchId), eq(batchTasks.connectionId, task.connectionId)));
  }

  /** In the job's connectionIds order. */
  async tasks(batchId: string): Promise<BatchTaskResult[]> {
    const rows = await this.#db
      .select()
      .from(batchTasks)
      .where(eq(batchTasks.batchId, batchId))
      .orderBy(asc(batchTasks.position));
    return rows.map(toTask);
  }

  /** Queued or running jobs, oldest first. */
  async unfinished(): Promise<BatchJob[]> {
    const rows = await this.#db
      .select()
      .from(batchJobs)
      .where(inArray(batchJobs.status, UNFINISHED))
      .orderBy(asc(batchJobs.createdAt), asc(batchJobs.id));
    return rows.map(toJob);
  }

  /** Deletes every job with expiresAt <= now, whatever its status, with its tasks (one batch). */
  async purgeExpired(now: number): Promise<number> {
    const db = this.#db;
    const expired = db.select({ id: batchJobs.id }).from(batchJobs).where(lte(batchJobs.expiresAt, now));
    const [, jobs] = await db.batch([
      db.delete(batchTasks).where(inArray(batchTasks.batchId, expired)),
      db.delete(batchJobs).where(lte(batchJobs.expiresAt, now)),
    ]);
    return affectedRows(jobs);
  }
}
