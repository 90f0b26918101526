import { flushMicrotasks, ManualClock } from '@cts/testkit';
import { describe, expect, it } from 'vitest';
import type { BatchProgressEvent } from '../coordinator/types.ts';
import { CtsError } from '../errors/cts-error.ts';
import { MemoryBatchRepo } from '../storage/memory/memory-batch-repo.ts';
import { BatchProcessor } from './batch-processor.ts';
import type { BatchTask, TaskOutcome } from './types.ts';

const ok = (balance: number): TaskOutcome => ({
  status: 'succeeded',
  result: { total: balance },
  error: null,
  entry: { success: true, balance },
});

/** An executor whose tasks finish only when the test releases them. */
function gatedExecutor() {
  const pending = new Map<string, () => void>();
  const started: string[] = [];
  const execute = (task: BatchTask, signal: AbortSignal) =>
    new Promise<TaskOutcome>((resolve, reject) => {
      started.push(task.connectionId);
      pending.set(task.connectionId, () => resolve(ok(1)));
      signal.addEventListener('abort', () => reject(signal.reason));
    });
  const release = async (id: string) => {
    pending.get(id)?.();
    pending.delete(id);
    await flushMicrotasks();
  };
  return { execute, started, pending, release };
}

const ids = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}${i}`);

describe('BatchProcessor', () => {
  it('runs a batch to a seed-shaped summary, with progress events and one row per task', async () => {
    const repo = new MemoryBatchRepo();
    const clock = new ManualClock({ start: 0 });
    const processor = new BatchProcessor({
      repo,
      clock,
      execute: async (task) => {
        await clock.sleep(100);
        if (task.connectionId === 'bad') throw new CtsError('auth.invalid_key', 'API key invalid');
        return ok(5000);
      },
    });
    const job = await processor.submit({
      type: 'test',
      tasks: [
        { connectionId: 'good', lane: 'bybit' },
        { connectionId: 'bad', lane: 'okx' },
      ],
    });
    const events: BatchProgressEvent[] = [];
    processor.subscribe(job.id, (e) => events.push(e));
    const done = processor.wait(job.id);
    await clock.advance(100);
    const summary = await done;
    expect(summary).toMatchObject({
      success: true,
      totalConnections: 2,
      successful: 1,
      failed: 1,
      duration: 100,
      results: {
        good: { success: true, balance: 5000 },
        bad: { success: false, error: 'API key invalid', code: 'auth.invalid_key' },
      },
    });
    expect(events.map((e) => e.type)).toEqual(['task', 'task', 'done']);
    expect((await repo.get(job.id))?.status).toBe('completed');
    expect((await repo.tasks(job.id)).map((t) => t.status).sort()).toEqual(['failed', 'succeeded']);
    expect(processor.status()).toMatchObject({ queueLength: 0, activeTasks: 0, completedTasks: 2 });
    // A wait that comes after the end still gets the summary.
    expect(await processor.wait(job.id)).toEqual(summary);
    await expect(processor.wait('unknown')).rejects.toThrow(/not running in this process/);
  });

  it('holds at most `concurrency` tasks per lane, and a stuck lane never starves another', async () => {
    const g = gatedExecutor();
    const processor = new BatchProcessor({
      repo: new MemoryBatchRepo(),
      clock: new ManualClock(),
      execute: g.execute,
      concurrency: 2,
    });
    const slow = ids('slow', 6).map((connectionId) => ({ connectionId, lane: 'bingx' }));
    const fast = ids('fast', 6).map((connectionId) => ({ connectionId, lane: 'okx' }));
    const job = await processor.submit({ type: 'test', tasks: [...slow, ...fast] });
    const done = processor.wait(job.id);
    expect(processor.status().lanes).toEqual({
      bingx: { queued: 4, active: 2 },
      okx: { queued: 4, active: 2 },
    });
    // The slow lane stays stuck; the fast lane drains completely.
    for (const id of ids('fast', 6)) await g.release(id);
    expect(g.started.filter((s) => s.startsWith('fast'))).toHaveLength(6);
    expect(processor.status().lanes).toEqual({
      bingx: { queued: 4, active: 2 },
      okx: { queued: 0, active: 0 },
    });
    for (const id of ids('slow', 6)) await g.release(id);
    expect((await done).successful).toBe(12);
  });

  it('runs a later batch of higher priority before queued lower-priority tasks', async () => {
    const g = gatedExecutor();
    const processor = new BatchProcessor({
      repo: new MemoryBatchRepo(),
      clock: new ManualClock(),
      execute: g.execute,
      concurrency: 1,
    });
    await processor.submit({
      type: 'health',
      priority: -1,
      tasks: ids('low', 3).map((connectionId) => ({ connectionId, lane: 'x' })),
    });
    await processor.submit({ type: 'test', priority: 10, tasks: [{ connectionId: 'urgent', lane: 'x' }] });
    await g.release('low0');
    expect(g.started).toEqual(['low0', 'urgent']);
  });

  it('on stop, aborts tasks past the grace period as interrupted and leaves queued ones for resume', async () => {
    const repo = new MemoryBatchRepo();
    const clock = new ManualClock({ start: 0 });
    const g = gatedExecutor();
    const first = new BatchProcessor({ repo, clock, execute: g.execute, concurrency: 1 });
    const job = await first.submit({
      type: 'test',
      tasks: ids('c', 3).map((connectionId) => ({ connectionId, lane: 'x' })),
    });
    const waiting = first.wait(job.id);
    const stopping = first.stop({ graceMs: 500 });
    await clock.advance(500);
    await stopping;
    await expect(waiting).rejects.toThrow(/was stopped before it finished; it resumes on the next start/);
    const rows = await repo.tasks(job.id);
    expect(rows.map((r) => r.status)).toEqual(['interrupted', 'queued', 'queued']);
    expect((await repo.unfinished()).map((j) => j.id)).toEqual([job.id]);

    const again = gatedExecutor();
    const second = new BatchProcessor({ repo, clock, execute: again.execute, concurrency: 5 });
    expect(await second.resume((await repo.get(job.id))!, () => 'x')).toBe(2);
    const done = second.wait(job.id);
    await again.release('c1');
    await again.release('c2');
    const summary = await done;
    expect(summary).toMatchObject({ successful: 2, failed: 1, totalConnections: 3 });
    expect((await repo.get(job.id))?.status).toBe('interrupted');
    expect(await repo.unfinished()).toEqual([]);
  });

  it('purges results once their TTL has passed', async () => {
    const repo = new MemoryBatchRepo();
    const clock = new ManualClock({ start: 0 });
    const processor = new BatchProcessor({ repo, clock, execute: async () => ok(1), resultTtlMs: 3_600_000 });
    const job = await processor.submit({ type: 'balance', tasks: [{ connectionId: 'a', lane: 'x' }] });
    await clock.advance(3_599_999);
    expect(await processor.purge()).toBe(0);
    await clock.advance(1);
    expect(await processor.purge()).toBe(1);
    expect(await repo.get(job.id)).toBeNull();
  });

  it('refuses invalid options naming the field', () => {
    const base = { repo: new MemoryBatchRepo(), clock: new ManualClock(), execute: async () => ok(1) };
    expect(() => new BatchProcessor({ ...base, concurrency: 0 })).toThrow(
      /concurrency: must be an integer >= 1/,
    );
    expect(() => new BatchProcessor({ ...base, resultTtlMs: 0 })).toThrow(/resultTtlMs/);
  });
});
