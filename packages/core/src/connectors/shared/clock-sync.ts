import type { Environment, ExchangeId } from '../../exchanges/catalog.ts';
import type { Clock } from '../../ports/clock.ts';
import type { ClockOffset } from '../types.ts';
import { type ClockOffsetCache, clockOffsetKey } from './clock-offset-cache.ts';

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/**
 * One clock sample: the exchange's time in epoch ms. The call reports when its request actually left through
 * `onSent` (after any wait for a limiter permit); without a report the sample is timed from the call.
 */
export type TimeSample = (onSent: (at: number) => void) => Promise<number>;

/**
 * Estimates serverTime − localTime from `samples` calls: each sample assumes the server read its clock halfway
 * through the round trip (NTP's assumption); the estimate is the median, which ignores one slow outlier. The calls
 * run concurrently (the limiter spaces them); each round trip is timed from when its request was sent, so time
 * spent queueing for a permit is not read as latency.
 */
export async function estimateClockOffset(
  clock: Clock,
  getServerTime: TimeSample,
  samples = 3,
): Promise<ClockOffset> {
  if (!Number.isInteger(samples) || samples < 1) throw new TypeError('samples: must be an integer >= 1');
  const measured = await Promise.all(
    Array.from({ length: samples }, async () => {
      let sent = clock.now();
      const server = await getServerTime((at) => {
        sent = at;
      });
      const rtt = clock.now() - sent;
      return { rtt, offset: server - (sent + rtt / 2) };
    }),
  );
  const offsets = measured.map((m) => m.offset);
  const rtts = measured.map((m) => m.rtt);
  return { offsetMs: Math.round(median(offsets)), rttMs: Math.round(median(rtts)), samples };
}

/**
 * A connector's clock sync: the shared cache's fresh offset for (exchange, environment, `host`) when the options
 * carry a cache (the result then has `cachedAgeMs`), else `samples` calls to the time endpoint.
 */
export function syncClockOffset(
  o: { clock: Clock; exchange: ExchangeId; environment: Environment; clockOffsetCache?: ClockOffsetCache },
  host: string,
  getServerTime: TimeSample,
  samples = 3,
): Promise<ClockOffset> {
  const measure = () => estimateClockOffset(o.clock, getServerTime, samples);
  if (!o.clockOffsetCache) return measure();
  return o.clockOffsetCache.resolve(clockOffsetKey(o.exchange, o.environment, host), measure);
}

/** The test log's line for a sync: measured, or taken from the shared cache with its age. */
export function clockOffsetStep(offset: ClockOffset): string {
  if (offset.cachedAgeMs !== undefined)
    return `Clock offset ${offset.offsetMs} ms: clock offset from cache (age ${Math.round(offset.cachedAgeMs / 1000)} s)`;
  return `Clock offset ${offset.offsetMs} ms (round trip ${offset.rttMs} ms, ${offset.samples} samples)`;
}
