import type { ResolvedAdminOptions } from '../options.ts';
import { type LiveFragment, renderLive } from '../routes/live-reply.ts';
import { healthBoard } from '../views/health-board.ts';
import { type HealthSeries, healthSeries } from '../views/health-series.ts';

const HOUR = 3600_000;

/** The health board rendered with its ETag: the coordinator's report and, when samples are kept, 24 h sparklines. */
export async function healthFragment(options: ResolvedAdminOptions): Promise<LiveFragment> {
  const { coordinator, clock, healthSamples } = options;
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
  return renderLive(
    healthBoard({ report, series, slowMs: options.slowMs, breakerThreshold: options.breakerThreshold }),
  );
}
