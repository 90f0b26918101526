import { Hono } from 'hono';
import type { ResolvedAdminOptions } from '../options.ts';
import { healthPage } from '../views/health-page.ts';
import { type HealthSeries, healthSeries } from '../views/health-series.ts';
import { systemPage } from '../views/system-page.ts';
import type { AdminEnv } from './env.ts';

const HOUR = 3600_000;

/** GET /health (summary, sparklines, rate-limit usage) and GET /system (system status). */
export function healthRoutes(options: ResolvedAdminOptions): Hono<AdminEnv> {
  const app = new Hono<AdminEnv>();
  const { coordinator, basePath: base, clock, healthSamples } = options;

  app.get('/health', async (c) => {
    const report = await coordinator.getHealth();
    const series = new Map<string, HealthSeries>();
    if (healthSamples) {
      const to = Math.ceil(clock.now() / HOUR) * HOUR;
      const from = to - 24 * HOUR;
      await Promise.all(
        report.connections.map(async (h) => {
          const samples = await healthSamples.listSince(h.connectionId, from);
          series.set(h.connectionId, healthSeries(samples, from, HOUR, 24));
        }),
      );
    }
    return c.html(healthPage({ base, session: c.get('session'), report, series }));
  });

  app.get('/system', async (c) =>
    c.html(systemPage({ base, session: c.get('session'), status: await coordinator.getSystemStatus() })),
  );

  return app;
}
