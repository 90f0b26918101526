import { describe, expect, it } from 'vitest';
import { openStorage } from '../test-helpers.ts';

const job = (id: string, connectionIds: string[]) => ({
  id,
  type: 'test' as const,
  status: 'queued' as const,
  priority: 1,
  connectionIds,
  createdAt: 1,
  startedAt: null,
  finishedAt: null,
  expiresAt: 10,
});

describe('LibsqlBatchRepo', () => {
  it('rolls the job row back when its task rows cannot be written (one atomic batch)', async () => {
    const { client, storage } = await openStorage();
    // The job row is written first; the duplicate task row then fails the batch.
    await expect(storage.batches.create(job('b1', ['c1', 'c2', 'c1']))).rejects.toThrow();
    expect(await storage.batches.get('b1')).toBeNull();
    expect((await client.execute('SELECT count(*) AS n FROM batch_tasks')).rows[0]!.n).toBe(0);
    expect(await storage.batches.unfinished()).toEqual([]);
    client.close();
  });

  it('writes 5,000 task rows with one statement of two bound parameters', async () => {
    const { client, storage } = await openStorage();
    const ids = Array.from({ length: 5000 }, (_, i) => `c${i}`);
    await storage.batches.create(job('b1', ids));
    const rows = await client.execute(
      'SELECT min(position) AS lo, max(position) AS hi, count(*) AS n FROM batch_tasks',
    );
    expect(rows.rows[0]).toMatchObject({ lo: 0, hi: 4999, n: 5000 });
    client.close();
  });
});
