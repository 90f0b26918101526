import type { ResolvedAdminOptions } from '../options.ts';
import { type LiveFragment, renderLive } from '../routes/live-reply.ts';
import { healthBoard, healthOrder } from '../views/health-board.ts';
import { type HealthSeries, healthSeries } from '../views/health-series.ts';

const HOUR = 3600_000;
/** Rows of the health table (worst first); the tiles count every connection. */
export const HEALTH_ROWS = 100;

/**
 * The health board rendered with its ETag: the coordinator's report, the worst HEALTH_ROWS connections in the table
 * and, when samples are kept, their 24 h sparklines.
 */
export async function healthFragment(options: ResolvedAdminOptions): Promise<LiveFragment> {
  const { coordinator, clock, healthSamples } = options;
  const report = await coordinator.getHealth();
  // The table shows the worst HEALTH_ROWS connections: sparklines cost one samples query each.
  const shown = [...report.connections].sort(healthOrder).slice(0, HEALTH_ROWS);
  const series = new Map<string, HealthSeries>();
  if (healthSamples) {
    const to = Math.ceil(clock.now() / HOUR) * HOUR;
    const from = to - 24 * HOUR;
    await Promise.all(
      shown.map(async (h) => {
        const samples = await healthSamples.listSince(h.connectionId, from);
        series.set(h.connectionId, healthSeries(samples, from, HOUR, 24));
      }),
    );
  }
  return renderLive(
    healthBoard({
      report,
      shown,
      series,
      slowMs: options.slowMs,
      breakerThreshold: options.breakerThreshold,
    }),
  );
}
