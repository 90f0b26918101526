/**
 * Health-sample storage at the scale: 5,000 connections × a day of 5-minute samples (1.44 M rows) in a temp
 * `file:` database. Prints one table: single-row add, one connection's day, a 24 h retention delete.
 *   node scripts/bench.ts [connections=5000] [samplesPerConnection=288]   (npm run bench: 1000 × 288, quicker)
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDb, createLibsqlClient } from '../src/client.ts';
import { migrate } from '../src/migrate/migrate.ts';
import { healthSamples } from '../src/schema/health-samples.ts';
import { createLibsqlStorage } from '../src/storage.ts';

const CONNECTIONS = Number(process.argv[2] ?? 5000);
const PER = Number(process.argv[3] ?? 288);
const STEP = 300_000;
const dir = mkdtempSync(join(tmpdir(), 'cts-bench-'));
const client = createLibsqlClient(`file:${join(dir, 'bench.db')}`);
try {
  const db = createDb(client);
  await migrate(db);
  const storage = createLibsqlStorage(db);
  const rows: Array<Record<string, string>> = [];
  const time = async (name: string, n: number, fn: () => Promise<unknown>) => {
    const t = performance.now();
    await fn();
    const ms = performance.now() - t;
    rows.push({
      operation: name,
      count: String(n),
      'total ms': ms.toFixed(0),
      'µs each': ((ms * 1000) / n).toFixed(1),
    });
  };

  await time('seed (500-row inserts)', CONNECTIONS * PER, async () => {
    let batch: Array<typeof healthSamples.$inferInsert> = [];
    for (let s = 0; s < PER; s++)
      for (let c = 0; c < CONNECTIONS; c++) {
        batch.push({
          connectionId: `conn-${c}`,
          at: s * STEP,
          success: c % 17 !== 0,
          responseTimeMs: 40 + (c % 50),
        });
        if (batch.length === 500) {
          await db.insert(healthSamples).values(batch);
          batch = [];
        }
      }
    if (batch.length) await db.insert(healthSamples).values(batch);
  });
  await time('add() one sample', 2000, async () => {
    for (let i = 0; i < 2000; i++)
      await storage.healthSamples.add({
        connectionId: `conn-${i}`,
        at: PER * STEP,
        success: true,
        responseTimeMs: 41,
      });
  });
  await time("listSince(): one connection's day", 200, async () => {
    for (let i = 0; i < 200; i++) {
      const got = await storage.healthSamples.listSince(`conn-${(i * 37) % CONNECTIONS}`, 0);
      if (got.length < PER) throw new Error('bench: missing samples');
    }
  });
  let deleted = 0;
  await time('deleteOlderThan(): first half of the day', 1, async () => {
    deleted = await storage.healthSamples.deleteOlderThan((PER / 2) * STEP);
  });
  console.log(
    `health samples: ${CONNECTIONS} connections × ${PER} samples; deleted ${deleted} rows; file ${(statSync(join(dir, 'bench.db')).size / 1e6).toFixed(0)} MB`,
  );
  console.table(rows);
} finally {
  client.close();
  rmSync(dir, { recursive: true, force: true });
}
