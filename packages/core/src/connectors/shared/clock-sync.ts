import type { Clock } from '../../ports/clock.ts';
import type { ClockOffset } from '../types.ts';

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/**
 * Estimates serverTime − localTime from `samples` calls: each sample assumes the server read its clock halfway
 * through the round trip (NTP's assumption); the estimate is the median, which ignores one slow outlier.
 */
export async function estimateClockOffset(
  clock: Clock,
  getServerTime: () => Promise<number>,
  samples = 3,
): Promise<ClockOffset> {
  if (!Number.isInteger(samples) || samples < 1) throw new TypeError('samples: must be an integer >= 1');
  const offsets: number[] = [];
  const rtts: number[] = [];
  for (let i = 0; i < samples; i++) {
    const sent = clock.now();
    const server = await getServerTime();
    const received = clock.now();
    const rtt = received - sent;
    rtts.push(rtt);
    offsets.push(server - (sent + rtt / 2));
  }
  return { offsetMs: Math.round(median(offsets)), rttMs: Math.round(median(rtts)), samples };
}
