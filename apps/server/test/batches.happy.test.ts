import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, type Json, startHarness } from './harness.ts';

let h: Harness;
let ids: string[];
let badId: string;
beforeAll(async () => {
  h = await startHarness();
  ids = [];
  for (const exchange of ['bybit', 'binance', 'okx', 'bingx'] as const) {
    const created = await h.create({ ...(await h.account(exchange)), enabled: false });
    ids.push(created.json.connection.id);
  }
  const bad = await h.create({
    ...(await h.account('pionex')),
    api_secret: 'not-the-secret',
    enabled: false,
  });
  badId = bad.json.connection.id;
});
afterAll(() => h.close());

/** Reads an SSE stream to its end into { event, data } records. */
async function readEvents(res: Response): Promise<Array<{ event: string; data: Json }>> {
  const text = await res.text();
  return text
    .split('\n\n')
    .filter((block) => block.includes('data:'))
    .map((block) => {
      const event = /^event: (.*)$/m.exec(block)?.[1] ?? 'message';
      const data = block
        .split('\n')
        .filter((l) => l.startsWith('data:'))
        .map((l) => l.slice(5).trimStart())
        .join('\n');
      return { event, data: JSON.parse(data) };
    });
}

describe('batches (happy paths)', () => {
  it("runs the seed's batch-test and answers with its shape", async () => {
    const res = await h.request('POST', '/api/settings/connections/batch-test', {
      body: { connectionIds: [...ids, badId], testType: 'all' },
    });
    expect(res.status).toBe(200);
    // The batch processor reports success only when no task failed (the seed's example shows true beside failed: 1).
    expect(res.json).toMatchObject({ success: true, totalConnections: 5, successful: 4, failed: 1 });
    expect(typeof res.json.duration).toBe('number');
    expect(res.json.results[ids[0]!]).toMatchObject({ success: true });
    expect(typeof res.json.results[ids[0]!].balance).toBe('number');
    expect(res.json.results[badId]).toMatchObject({ success: false });
    expect(typeof res.json.results[badId].error).toBe('string');
  });

  it('starts a batch with 202, then reports it by id and streams its progress as SSE', async () => {
    const started = await h.request('POST', '/api/settings/connections/batches', {
      body: { connectionIds: ids },
    });
    expect(started.status).toBe(202);
    const { batchId, links } = started.json;
    expect(started.json).toMatchObject({ success: true, total: ids.length });
    expect(started.headers.get('location')).toBe(links.self);
    const stream = await fetch(`${h.url}${links.events}`, {
      headers: { Authorization: `Bearer ${h.viewerToken}` },
    });
    expect(stream.status).toBe(200);
    expect(stream.headers.get('content-type')).toContain('text/event-stream');
    const events = await readEvents(stream);
    expect(events[0]!.event).toBe('snapshot');
    const last = events.at(-1)!;
    expect(['done', 'end']).toContain(last.event);
    if (last.event === 'done')
      expect(last.data.summary).toMatchObject({ batchId, totalConnections: ids.length });
    const tasks = events.filter((e) => e.event === 'task');
    const seen = new Set([
      ...tasks.map((e) => e.data.task.connectionId),
      ...events[0]!.data.tasks.filter((t: Json) => t.finishedAt !== null).map((t: Json) => t.connectionId),
    ]);
    expect(seen.size).toBe(ids.length);
    const status = await h.request('GET', links.self, { token: h.viewerToken });
    expect(status.status).toBe(200);
    expect(status.json).toMatchObject({ success: true, done: ids.length, total: ids.length });
    expect(status.json.batch).toMatchObject({ id: batchId, status: 'completed' });
    expect(status.json.tasks.every((t: Json) => t.status === 'succeeded')).toBe(true);
  });

  it('ends the stream of an already finished batch after its snapshot', async () => {
    const started = await h.request('POST', '/api/settings/connections/batches', {
      body: { connectionIds: [ids[0]] },
    });
    const { batchId } = started.json;
    const deadline = Date.now() + 10_000;
    while (
      (await h.request('GET', `/api/settings/connections/batches/${batchId}`)).json.batch.status !==
      'completed'
    ) {
      if (Date.now() > deadline) throw new Error('batch did not complete');
      await new Promise((r) => setTimeout(r, 25));
    }
    const stream = await fetch(`${h.url}/api/settings/connections/batches/${batchId}/events`, {
      headers: { Authorization: `Bearer ${h.adminToken}` },
    });
    const events = await readEvents(stream);
    expect(events.map((e) => e.event)).toEqual(['snapshot', 'end']);
    expect(events[1]!.data.status).toBe('completed');
  });
});
