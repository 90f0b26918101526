import { Hono } from 'hono';
import { healthFragment } from '../board/health-data.ts';
import { systemFragment } from '../board/system-data.ts';
import type { ResolvedAdminOptions } from '../options.ts';
import { liveRegion } from '../views/connection-table.ts';
import { healthPage } from '../views/health-page.ts';
import { systemPage } from '../views/system-page.ts';
import type { AdminEnv } from './env.ts';
import { type LiveFragment, liveReply } from './live-reply.ts';

/** GET /health and GET /system, each with its live region polled at /health/board and /system/board. */
export function healthRoutes(options: ResolvedAdminOptions): Hono<AdminEnv> {
  const app = new Hono<AdminEnv>();
  const { basePath: base, liveMs } = options;
  const region = (name: 'health' | 'system') => (f: LiveFragment) =>
    liveRegion(`${name}-board`, `${base}/${name}/board`, f.etag, f.body, liveMs);

  app.get('/health', async (c) =>
    c.html(
      healthPage({ base, session: c.get('session'), board: region('health')(await healthFragment(options)) }),
    ),
  );
  app.get('/health/board', async (c) => liveReply(c, await healthFragment(options), region('health')));

  app.get('/system', async (c) =>
    c.html(
      systemPage({ base, session: c.get('session'), board: region('system')(await systemFragment(options)) }),
    ),
  );
  app.get('/system/board', async (c) => liveReply(c, await systemFragment(options), region('system')));

  return app;
}
