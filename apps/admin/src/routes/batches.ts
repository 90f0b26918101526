import { MAX_BATCH_IDS } from '@cts/api';
import { Hono } from 'hono';
import type { ResolvedAdminOptions } from '../options.ts';
import { batchPanel, isTerminal } from '../views/batch-panel.ts';
import type { AdminEnv } from './env.ts';
import { describeError } from './errors.ts';
import { refuse } from './respond.ts';

/** POST /batches starts a batch test of the checked connections; GET /batches/:id is polled for progress. */
export function batchRoutes(options: ResolvedAdminOptions): Hono<AdminEnv> {
  const app = new Hono<AdminEnv>();
  const { coordinator, basePath: base, pollMs } = options;
  const names = async () => new Map((await coordinator.listConnections()).map((c) => [c.id, c.name]));

  app.post('/batches', async (c) => {
    const body = await c.req.parseBody({ all: true });
    const raw = body['ids'];
    const ids = [
      ...new Set((Array.isArray(raw) ? raw : [raw]).filter((v): v is string => typeof v === 'string')),
    ];
    if (ids.length === 0) return refuse(c, 422, 'Choose at least one connection to test.');
    if (ids.length > MAX_BATCH_IDS)
      return refuse(c, 422, `A batch takes at most ${MAX_BATCH_IDS} connections; ${ids.length} were chosen.`);
    try {
      const job = await coordinator.startBatch(ids, { type: 'test' });
      const view = await coordinator.getBatch(job.id);
      return c.html(batchPanel(view, { base, pollMs, names: await names() }));
    } catch (err) {
      const d = describeError(err);
      return refuse(c, d.status, d.message, d.hint);
    }
  });

  app.get('/batches/:id', async (c) => {
    try {
      const view = await coordinator.getBatch(c.req.param('id'));
      const panel = batchPanel(view, { base, pollMs, names: await names() });
      if (!isTerminal(view)) return c.html(panel);
      // Done: the live table refreshes now rather than at its next poll.
      return c.html(panel, 200, { 'HX-Trigger': 'cts-refresh' });
    } catch (err) {
      const d = describeError(err);
      return refuse(c, d.status, d.message, d.hint);
    }
  });

  return app;
}
