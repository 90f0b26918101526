/**
 * Test fixture: writes batch jobs (5,000 tasks each) and task results to a file database until it is killed.
 * Prints `created <n>` after each job so the test knows when to kill it.
 */
import { openStorage } from '../src/test-helpers.ts';

const url = process.argv[2]!;
const { storage } = await openStorage(url);
const ids = Array.from({ length: 5000 }, (_, i) => `conn-${i}`);
for (let n = 0; n < 10_000; n++) {
  const id = `job-${n}`;
  await storage.batches.create({
    id,
    type: 'test',
    status: 'queued',
    priority: 1,
    connectionIds: ids,
    createdAt: n,
    startedAt: null,
    finishedAt: null,
    expiresAt: n + 3_600_000,
  });
  await storage.batches.setStatus(id, 'running', n);
  for (let i = 0; i < 20; i++)
    await storage.batches.saveTask({
      batchId: id,
      connectionId: ids[i]!,
      status: 'succeeded',
      startedAt: n,
      finishedAt: n + 1,
      result: { success: true, log: ['step'.repeat(50)] },
      error: null,
    });
  process.stdout.write(`created ${n}\n`);
}
