import type { BatchJob, BatchRepo, BatchStatus, BatchTaskResult } from '../ports.ts';

interface Entry {
  job: BatchJob;
  tasks: Map<string, BatchTaskResult>;
}

/** Batch jobs and their task rows in memory, ordered by creation; copies in and out. */
export class MemoryBatchRepo implements BatchRepo {
  readonly #jobs = new Map<string, Entry>();

  async create(job: BatchJob): Promise<void> {
    if (this.#jobs.has(job.id)) throw new Error(`batch ${job.id} already exists`);
    const tasks = new Map<string, BatchTaskResult>();
    for (const connectionId of job.connectionIds)
      tasks.set(connectionId, {
        batchId: job.id,
        connectionId,
        status: 'queued',
        startedAt: null,
        finishedAt: null,
        result: null,
        error: null,
      });
    this.#jobs.set(job.id, { job: structuredClone(job), tasks });
  }

  async get(id: string): Promise<BatchJob | null> {
    const e = this.#jobs.get(id);
    return e ? structuredClone(e.job) : null;
  }

  async list(options: { limit?: number } = {}): Promise<BatchJob[]> {
    const jobs = [...this.#jobs.values()].map((e) => e.job);
    jobs.sort((a, b) => b.createdAt - a.createdAt || (a.id < b.id ? 1 : -1));
    return jobs.slice(0, options.limit ?? jobs.length).map((j) => structuredClone(j));
  }

  async setStatus(id: string, status: BatchStatus, at: number): Promise<void> {
    const e = this.#jobs.get(id);
    if (!e) return;
    e.job.status = status;
    if (status === 'running' && e.job.startedAt === null) e.job.startedAt = at;
    if (status === 'completed' || status === 'interrupted' || status === 'cancelled') e.job.finishedAt = at;
  }

  async saveTask(task: BatchTaskResult): Promise<void> {
    const e = this.#jobs.get(task.batchId);
    if (!e) return;
    e.tasks.set(task.connectionId, structuredClone(task));
  }

  async tasks(batchId: string): Promise<BatchTaskResult[]> {
    const e = this.#jobs.get(batchId);
    if (!e) return [];
    return e.job.connectionIds.map((id) => structuredClone(e.tasks.get(id)!));
  }

  async unfinished(): Promise<BatchJob[]> {
    return [...this.#jobs.values()]
      .filter((e) => e.job.status === 'queued' || e.job.status === 'running')
      .map((e) => structuredClone(e.job))
      .sort((a, b) => a.createdAt - b.createdAt);
  }

  async purgeExpired(now: number): Promise<number> {
    let deleted = 0;
    for (const [id, e] of this.#jobs)
      if (e.job.expiresAt <= now) {
        this.#jobs.delete(id);
        deleted++;
      }
    return deleted;
  }
}
