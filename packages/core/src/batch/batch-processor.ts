import { abortable } from '../async/abortable.ts';
import type { BatchProgressEvent, BatchSummary } from '../coordinator/types.ts';
import { toCtsError } from '../errors/cts-error.ts';
import type { Clock } from '../ports/clock.ts';
import { type Logger, noopLogger } from '../ports/logger.ts';
import type { BatchJob, BatchRepo, BatchTaskResult, TaskType } from '../storage/ports.ts';
import { PriorityQueue } from './priority-queue.ts';
import type { BatchTask, QueueStatus, SummaryEntry, TaskExecutor, TaskOutcome } from './types.ts';

export interface BatchProcessorOptions {
  repo: BatchRepo;
  clock: Clock;
  execute: TaskExecutor;
  /** Tasks running at once per lane (per exchange). @default 10 */
  concurrency?: number;
  /** Tasks running at once over all lanes. @default Infinity (lanes are bounded by `concurrency`) */
  maxActive?: number;
  /** How long a finished batch's results are kept. @default 3600000 */
  resultTtlMs?: number;
  /** @default crypto.randomUUID */
  newId?: () => string;
  logger?: Logger;
}

interface Lane {
  queue: PriorityQueue<BatchTask>;
  active: number;
}

interface LiveJob {
  job: BatchJob;
  startedAt: number;
  done: number;
  successful: number;
  failed: number;
  interrupted: number;
  results: BatchSummary['results'];
  running: Map<string, number>;
  listeners: Set<(event: BatchProgressEvent) => void>;
  waiters: Array<{ resolve: (summary: BatchSummary) => void; reject: (err: Error) => void }>;
}

function positiveInt(name: string, value: number): number {
  if (!(value === Number.POSITIVE_INFINITY || (Number.isInteger(value) && value >= 1)))
    throw new TypeError(`${name}: must be an integer >= 1`);
  return value;
}

/**
 * The batch processor: a priority queue per lane (exchange), up to `concurrency` tasks at once in each lane, so a
 * slow or rate-limited exchange only ever holds its own slots and never starves the others. Every task's final
 * state is one row write; a batch whose process dies keeps its unfinished tasks `queued` for `resume`.
 *
 * @example
 * const processor = new BatchProcessor({ repo: storage.batches, clock, execute: (task, signal) => run(task, signal) });
 * const job = await processor.submit({ type: 'test', priority: 0, tasks: [{ connectionId: 'c1', lane: 'bybit' }] });
 * const summary = await processor.wait(job.id);
 */
export class BatchProcessor {
  readonly #repo: BatchRepo;
  readonly #clock: Clock;
  readonly #execute: TaskExecutor;
  readonly #concurrency: number;
  readonly #maxActive: number;
  readonly #ttl: number;
  readonly #newId: () => string;
  readonly #logger: Logger;
  readonly #lanes = new Map<string, Lane>();
  readonly #live = new Map<string, LiveJob>();
  /** Summaries of the last batches that ended, so a wait() that comes just after the end still gets its answer. */
  readonly #ended = new Map<string, BatchSummary>();
  readonly #running = new Set<Promise<void>>();
  readonly #controllers = new Set<AbortController>();
  #active = 0;
  #completed = 0;
  #stopped = false;

  constructor(options: BatchProcessorOptions) {
    this.#repo = options.repo;
    this.#clock = options.clock;
    this.#execute = options.execute;
    this.#concurrency = positiveInt('concurrency', options.concurrency ?? 10);
    this.#maxActive = positiveInt('maxActive', options.maxActive ?? Number.POSITIVE_INFINITY);
    this.#ttl = options.resultTtlMs ?? 3_600_000;
    if (!(this.#ttl > 0)) throw new TypeError('resultTtlMs: must be > 0');
    this.#newId = options.newId ?? (() => crypto.randomUUID());
    this.#logger = options.logger ?? noopLogger;
  }

  /** Creates the batch (job and task rows, atomically) and queues its tasks. */
  async submit(input: {
    type: TaskType;
    priority?: number;
    tasks: Array<{ connectionId: string; lane: string }>;
  }): Promise<BatchJob> {
    if (this.#stopped) throw new Error('the batch processor is stopped');
    const now = this.#clock.now();
    const job: BatchJob = {
      id: this.#newId(),
      type: input.type,
      status: 'queued',
      priority: input.priority ?? 0,
      connectionIds: input.tasks.map((t) => t.connectionId),
      createdAt: now,
      startedAt: null,
      finishedAt: null,
      expiresAt: now + this.#ttl,
    };
    await this.#repo.create(job);
    this.#track(job, []);
    for (const t of input.tasks) this.#enqueue(job, t.connectionId, t.lane);
    this.#pump();
    return job;
  }

  /** Re-queues a batch left unfinished by a stopped or crashed process: its `queued` tasks run again. */
  async resume(job: BatchJob, laneOf: (connectionId: string) => string): Promise<number> {
    const rows = await this.#repo.tasks(job.id);
    const live = this.#track(job, rows);
    const pending = rows.filter((r) => r.status === 'queued' || r.status === 'running');
    for (const r of pending) this.#enqueue(job, r.connectionId, laneOf(r.connectionId));
    if (pending.length === 0) await this.#finish(live);
    this.#pump();
    return pending.length;
  }

  /** Resolves with the summary when every task of the batch has ended (at once for one that just ended). */
  wait(batchId: string): Promise<BatchSummary> {
    const ended = this.#ended.get(batchId);
    if (ended) return Promise.resolve(ended);
    const live = this.#live.get(batchId);
    if (!live) return Promise.reject(new Error(`batch ${batchId} is not running in this process`));
    return new Promise((resolve, reject) => live.waiters.push({ resolve, reject }));
  }

  /** Streams a batch's progress; returns the unsubscribe function. Unknown or finished batches send nothing. */
  subscribe(batchId: string, listener: (event: BatchProgressEvent) => void): () => void {
    const live = this.#live.get(batchId);
    live?.listeners.add(listener);
    return () => live?.listeners.delete(listener);
  }

  /** The in-process view of a running batch's tasks: which are running now, and since when. */
  running(batchId: string): Map<string, number> {
    return new Map(this.#live.get(batchId)?.running ?? []);
  }

  status(): QueueStatus {
    const lanes: QueueStatus['lanes'] = {};
    let queueLength = 0;
    for (const [name, lane] of this.#lanes) {
      lanes[name] = { queued: lane.queue.size, active: lane.active };
      queueLength += lane.queue.size;
    }
    return { queueLength, activeTasks: this.#active, completedTasks: this.#completed, lanes };
  }

  /** Deletes batches whose results expired. */
  purge(): Promise<number> {
    return this.#repo.purgeExpired(this.#clock.now());
  }

  /**
   * Stops dispatching. Running tasks get `graceMs` to finish; then they are aborted and saved `interrupted`.
   * Queued tasks stay queued in storage, for the next start to resume.
   */
  async stop(options: { graceMs?: number } = {}): Promise<void> {
    this.#stopped = true;
    for (const lane of this.#lanes.values()) lane.queue.drain(() => true);
    const all = Promise.all([...this.#running]);
    if (this.#running.size > 0) {
      const grace = new AbortController();
      const timedOut = this.#clock.sleep(options.graceMs ?? 10_000, grace.signal).then(
        () => true,
        () => false,
      );
      const late = await Promise.race([all.then(() => false), timedOut]);
      grace.abort();
      if (late) for (const c of this.#controllers) c.abort(new DOMException('stopped', 'AbortError'));
      await all;
    }
    // Batches left unfinished resume on the next start; whoever waits for them here is told so.
    for (const live of this.#live.values())
      for (const w of live.waiters.splice(0))
        w.reject(
          new Error(`batch ${live.job.id} was stopped before it finished; it resumes on the next start`),
        );
  }

  #track(job: BatchJob, rows: BatchTaskResult[]): LiveJob {
    const live: LiveJob = {
      job,
      startedAt: job.startedAt ?? job.createdAt,
      done: 0,
      successful: 0,
      failed: 0,
      interrupted: 0,
      results: {},
      running: new Map(),
      listeners: new Set(),
      waiters: [],
    };
    for (const r of rows) {
      if (r.status === 'queued' || r.status === 'running') continue;
      live.done++;
      if (r.status === 'succeeded') live.successful++;
      else if (r.status === 'interrupted' || r.status === 'cancelled') live.interrupted++;
      else live.failed++;
      live.results[r.connectionId] = r.error
        ? { success: false, error: r.error.message, code: r.error.code, hint: r.error.hint }
        : { success: r.status === 'succeeded' };
    }
    this.#live.set(job.id, live);
    return live;
  }

  #enqueue(job: BatchJob, connectionId: string, laneName: string): void {
    let lane = this.#lanes.get(laneName);
    if (!lane) {
      lane = { queue: new PriorityQueue(), active: 0 };
      this.#lanes.set(laneName, lane);
    }
    const task = { batchId: job.id, connectionId, type: job.type, priority: job.priority, lane: laneName };
    lane.queue.push(task, job.priority);
  }

  /** Starts tasks while there are free slots: the lane whose next task ranks highest, then the least busy lane. */
  #pump(): void {
    while (!this.#stopped && this.#active < this.#maxActive) {
      let best: Lane | undefined;
      for (const lane of this.#lanes.values()) {
        const head = lane.queue.peek();
        if (!head || lane.active >= this.#concurrency) continue;
        const b = best?.queue.peek();
        if (
          !best ||
          !b ||
          head.priority > b.priority ||
          (head.priority === b.priority &&
            (lane.active < best.active || (lane.active === best.active && head.seq < b.seq)))
        )
          best = lane;
      }
      const task = best?.queue.pop();
      if (!best || !task) return;
      const run = this.#run(task, best);
      this.#running.add(run);
      void run.finally(() => this.#running.delete(run));
    }
  }

  async #run(task: BatchTask, lane: Lane): Promise<void> {
    const live = this.#live.get(task.batchId);
    this.#active++;
    lane.active++;
    const startedAt = this.#clock.now();
    live?.running.set(task.connectionId, startedAt);
    if (live && live.job.status === 'queued') {
      live.job.status = 'running';
      live.job.startedAt = startedAt;
      await this.#repo.setStatus(task.batchId, 'running', startedAt).catch((e) => this.#warn(e));
    }
    const controller = new AbortController();
    this.#controllers.add(controller);
    let outcome: TaskOutcome | 'interrupted';
    try {
      outcome = await abortable(this.#execute(task, controller.signal), controller.signal);
    } catch (err) {
      if (controller.signal.aborted) outcome = 'interrupted';
      else {
        const e = toCtsError(err);
        const error = e.toJSON();
        outcome = {
          status: 'failed',
          result: null,
          error,
          entry: { success: false, error: e.message, code: e.code },
        };
      }
    } finally {
      this.#controllers.delete(controller);
      this.#active--;
      lane.active--;
    }
    const row: BatchTaskResult = {
      batchId: task.batchId,
      connectionId: task.connectionId,
      status: outcome === 'interrupted' ? 'interrupted' : outcome.status,
      startedAt,
      finishedAt: this.#clock.now(),
      result: outcome === 'interrupted' ? null : outcome.result,
      error:
        outcome === 'interrupted' ? { code: 'aborted', message: 'Interrupted by shutdown' } : outcome.error,
    };
    await this.#repo.saveTask(row).catch((e) => this.#warn(e));
    this.#completed++;
    if (live) await this.#progress(live, row, outcome === 'interrupted' ? null : outcome.entry);
    this.#pump();
  }

  async #progress(live: LiveJob, row: BatchTaskResult, entry: SummaryEntry | null): Promise<void> {
    live.running.delete(row.connectionId);
    live.done++;
    if (entry === null) live.interrupted++;
    else if (entry.success) live.successful++;
    else live.failed++;
    live.results[row.connectionId] = entry ?? {
      success: false,
      error: 'Interrupted by shutdown',
      code: 'aborted',
    };
    const event = {
      type: 'task' as const,
      batchId: live.job.id,
      task: row,
      done: live.done,
      total: live.job.connectionIds.length,
    };
    for (const l of live.listeners) l(event);
    if (live.done >= live.job.connectionIds.length) await this.#finish(live);
  }

  async #finish(live: LiveJob): Promise<void> {
    const now = this.#clock.now();
    const status = live.interrupted > 0 ? 'interrupted' : 'completed';
    await this.#repo.setStatus(live.job.id, status, now).catch((e) => this.#warn(e));
    const summary: BatchSummary = {
      // As the seed's example (success: true beside failed: 1): the batch ran to the end; per-connection
      // outcomes are in successful/failed/results. False when tasks were interrupted (shutdown, crash).
      success: live.interrupted === 0,
      batchId: live.job.id,
      totalConnections: live.job.connectionIds.length,
      successful: live.successful,
      failed: live.failed + live.interrupted,
      duration: now - live.startedAt,
      results: live.results,
    };
    this.#live.delete(live.job.id);
    this.#ended.set(live.job.id, summary);
    if (this.#ended.size > 100) this.#ended.delete(this.#ended.keys().next().value!);
    for (const l of live.listeners) l({ type: 'done', batchId: live.job.id, summary });
    for (const w of live.waiters) w.resolve(summary);
  }

  #warn(err: unknown): void {
    this.#logger.error('batch storage write failed', {
      error: err instanceof Error ? err.message : String(err),
    });
  }
}
