import type { BatchJob, BatchTaskResult, Storage } from '@cts/core/storage';
import { beforeEach, describe, expect, it } from 'vitest';
import { type MakeStorage, T0 } from './fixtures.ts';

const HOUR = 3_600_000;

function job(id: string, overrides: Partial<BatchJob> = {}): BatchJob {
  return {
    id,
    type: 'test',
    status: 'queued',
    priority: 5,
    connectionIds: ['c3', 'c1', 'c2'],
    createdAt: T0,
    startedAt: null,
    finishedAt: null,
    expiresAt: T0 + HOUR,
    ...overrides,
  };
}

const queued = (batchId: string, connectionId: string): BatchTaskResult => ({
  batchId,
  connectionId,
  status: 'queued',
  startedAt: null,
  finishedAt: null,
  result: null,
  error: null,
});

export function batchContract(makeStorage: MakeStorage): void {
  describe('batches', () => {
    let s: Storage;
    beforeEach(async () => {
      s = await makeStorage();
    });

    it('creates a job with one queued task per connection, in order', async () => {
      await s.batches.create(job('b1'));
      expect(await s.batches.get('b1')).toEqual(job('b1'));
      expect(await s.batches.tasks('b1')).toEqual([
        queued('b1', 'c3'),
        queued('b1', 'c1'),
        queued('b1', 'c2'),
      ]);
      expect(await s.batches.get('nope')).toBeNull();
      expect(await s.batches.tasks('nope')).toEqual([]);
    });

    it('refuses a job id that exists and leaves the first job and its tasks as they were', async () => {
      await s.batches.create(job('b1'));
      await expect(s.batches.create(job('b1', { connectionIds: ['c9'], priority: 1 }))).rejects.toThrow();
      expect(await s.batches.get('b1')).toEqual(job('b1'));
      expect((await s.batches.tasks('b1')).map((t) => t.connectionId)).toEqual(['c3', 'c1', 'c2']);
    });

    it('creates a job with thousands of tasks', async () => {
      const ids = Array.from({ length: 5000 }, (_, i) => `conn-${i}`);
      await s.batches.create(job('big', { connectionIds: ids }));
      const tasks = await s.batches.tasks('big');
      expect(tasks).toHaveLength(5000);
      expect(tasks[4999]).toEqual(queued('big', 'conn-4999'));
    });

    it('lists jobs newest first, limited', async () => {
      await s.batches.create(job('old', { createdAt: T0 }));
      await s.batches.create(job('new', { createdAt: T0 + 2 }));
      await s.batches.create(job('mid', { createdAt: T0 + 1 }));
      expect((await s.batches.list()).map((j) => j.id)).toEqual(['new', 'mid', 'old']);
      expect((await s.batches.list({ limit: 2 })).map((j) => j.id)).toEqual(['new', 'mid']);
      expect(await s.batches.list({ limit: 0 })).toEqual([]);
    });

    it('lists every job when no limit is given', async () => {
      for (let i = 0; i < 120; i++)
        await s.batches.create(job(`j${String(i).padStart(3, '0')}`, { createdAt: T0 + i }));
      const all = await s.batches.list();
      expect(all).toHaveLength(120);
      expect(all[0]!.id).toBe('j119');
    });

    it('stamps startedAt when running and finishedAt when it ends', async () => {
      await s.batches.create(job('b1'));
      await s.batches.setStatus('b1', 'running', T0 + 5);
      expect(await s.batches.get('b1')).toMatchObject({
        status: 'running',
        startedAt: T0 + 5,
        finishedAt: null,
      });
      await s.batches.setStatus('b1', 'completed', T0 + 50);
      expect(await s.batches.get('b1')).toMatchObject({
        status: 'completed',
        startedAt: T0 + 5,
        finishedAt: T0 + 50,
      });
      await s.batches.create(job('b2'));
      await s.batches.setStatus('b2', 'cancelled', T0 + 7);
      expect(await s.batches.get('b2')).toMatchObject({ status: 'cancelled', finishedAt: T0 + 7 });
    });

    it('keeps the first startedAt when a job runs again, and ignores unknown ids', async () => {
      await s.batches.create(job('b1'));
      await s.batches.setStatus('b1', 'running', T0 + 5);
      await s.batches.setStatus('b1', 'interrupted', T0 + 6);
      await s.batches.setStatus('b1', 'running', T0 + 100);
      expect(await s.batches.get('b1')).toMatchObject({ status: 'running', startedAt: T0 + 5 });
      await s.batches.setStatus('nope', 'running', T0);
      expect(await s.batches.get('nope')).toBeNull();
    });

    it('saves one task’s final state without touching the others', async () => {
      await s.batches.create(job('b1'));
      const done: BatchTaskResult = {
        batchId: 'b1',
        connectionId: 'c1',
        status: 'succeeded',
        startedAt: T0 + 1,
        finishedAt: T0 + 9,
        result: {
          success: true,
          balance: { currency: 'USDT', total: 1, available: 1, assets: [] },
          nested: [1, 'a'],
        },
        error: null,
      };
      const failed: BatchTaskResult = {
        ...queued('b1', 'c2'),
        status: 'failed',
        startedAt: T0 + 2,
        finishedAt: T0 + 3,
        error: { code: 'timeout', message: 'no answer', hint: 'retry' },
      };
      await s.batches.saveTask(done);
      await s.batches.saveTask(failed);
      expect(await s.batches.tasks('b1')).toEqual([queued('b1', 'c3'), done, failed]);
      const rerun = {
        ...done,
        status: 'failed' as const,
        result: null,
        error: { code: 'network', message: 'x' },
      };
      await s.batches.saveTask(rerun);
      expect((await s.batches.tasks('b1'))[1]).toEqual(rerun);
    });

    it('ignores a task of an unknown job, and one the job does not have', async () => {
      await s.batches.create(job('b1'));
      await s.batches.saveTask({ ...queued('nope', 'c1'), status: 'succeeded' });
      await s.batches.saveTask({ ...queued('b1', 'c9'), status: 'succeeded' });
      expect(await s.batches.get('nope')).toBeNull();
      expect(await s.batches.tasks('nope')).toEqual([]);
      expect(await s.batches.tasks('b1')).toEqual([
        queued('b1', 'c3'),
        queued('b1', 'c1'),
        queued('b1', 'c2'),
      ]);
    });

    it('reports queued and running jobs as unfinished', async () => {
      await s.batches.create(job('q', { createdAt: T0 }));
      await s.batches.create(job('r', { createdAt: T0 + 1 }));
      await s.batches.create(job('c', { createdAt: T0 + 2 }));
      await s.batches.create(job('x', { createdAt: T0 + 3 }));
      await s.batches.setStatus('r', 'running', T0 + 4);
      await s.batches.setStatus('c', 'completed', T0 + 5);
      await s.batches.setStatus('x', 'interrupted', T0 + 5);
      expect((await s.batches.unfinished()).map((j) => j.id).sort()).toEqual(['q', 'r']);
      await s.batches.setStatus('r', 'interrupted', T0 + 6);
      expect((await s.batches.unfinished()).map((j) => j.id)).toEqual(['q']);
    });

    it('purges expired jobs with their tasks and counts them', async () => {
      await s.batches.create(job('gone1', { expiresAt: T0 + 10, status: 'completed' }));
      await s.batches.create(job('gone2', { expiresAt: T0 + 20, status: 'completed' }));
      await s.batches.create(job('kept', { expiresAt: T0 + HOUR }));
      await s.batches.create(job('edge', { expiresAt: T0 + 30 }));
      expect(await s.batches.purgeExpired(T0 + 30)).toBe(3);
      expect(await s.batches.get('edge')).toBeNull();
      expect(await s.batches.get('gone1')).toBeNull();
      expect(await s.batches.tasks('gone2')).toEqual([]);
      expect(await s.batches.get('kept')).not.toBeNull();
      expect(await s.batches.tasks('kept')).toHaveLength(3);
      expect(await s.batches.purgeExpired(T0 + 30)).toBe(0);
    });
  });
}
