import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { openStorage, tempDir } from '../src/test-helpers.ts';

describe('crash safety', () => {
  const tmp = tempDir();
  afterAll(() => tmp.cleanup());

  it('leaves whole jobs only when the writer is killed (SIGKILL) mid-batch', async () => {
    const url = tmp.url('crash.db');
    const child = spawn(
      process.execPath,
      [fileURLToPath(new URL('./crash-writer.ts', import.meta.url)), url],
      {
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    // Kill it while it writes: after it reports its third job, in the middle of the next ones.
    await new Promise<void>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        if (out.includes('created 2\n')) {
          child.kill('SIGKILL');
          resolve();
        }
      });
      child.on('exit', (code) =>
        code === null ? resolve() : reject(new Error(`writer exited with ${code}`)),
      );
    });
    await new Promise((r) => child.once('close', r));

    const { client, storage } = await openStorage(url);
    tmp.track(client);
    const jobs = await storage.batches.list();
    expect(jobs.length).toBeGreaterThanOrEqual(3);
    for (const job of jobs) {
      const tasks = await storage.batches.tasks(job.id);
      expect(tasks.map((t) => t.connectionId)).toEqual(job.connectionIds);
      for (const t of tasks.filter((x) => x.status === 'succeeded'))
        expect(t.result).toEqual({ success: true, log: ['step'.repeat(50)] });
    }
    const unfinished = await storage.batches.unfinished();
    expect(unfinished.length).toBeGreaterThanOrEqual(1);
    for (const job of unfinished) await storage.batches.setStatus(job.id, 'interrupted', Date.now());
    expect(await storage.batches.unfinished()).toEqual([]);
  });
});
