import { Hono } from 'hono';
import type { ResolvedAdminOptions } from '../options.ts';
import { testPanel } from '../views/test-panel.ts';
import type { AdminEnv } from './env.ts';
import { describeError } from './errors.ts';
import { refuse } from './respond.ts';
import { TestRuns } from './test-runs.ts';

/** POST /connections/:id/test starts a test; GET /tests/:run is polled by the panel until the test ends. */
export function testRoutes(options: ResolvedAdminOptions): Hono<AdminEnv> {
  const app = new Hono<AdminEnv>();
  const { coordinator, clock, basePath: base, pollMs } = options;
  const runs = new TestRuns({ clock });
  const describe = (err: unknown) => {
    const d = describeError(err);
    return { message: d.message, hint: d.hint };
  };

  app.post('/connections/:id/test', async (c) => {
    try {
      const record = await coordinator.getConnection(c.req.param('id'));
      const run = runs.start(coordinator, record.id, record.name, describe);
      return c.html(testPanel(run, { base, pollMs, now: clock.now() }));
    } catch (err) {
      const d = describeError(err);
      return refuse(c, d.status, d.message, d.hint);
    }
  });

  app.get('/tests/:run', async (c) => {
    const run = runs.get(c.req.param('run'));
    if (!run)
      return c.html('<p class="muted" id="test-run">This test is no longer tracked; run it again.</p>');
    const record =
      run.finishedAt === null
        ? undefined
        : await coordinator.getConnection(run.connectionId).catch(() => undefined);
    return c.html(testPanel(run, { base, pollMs, now: clock.now(), record }));
  });

  return app;
}
