import type { ClockOffset } from '../types.ts';
import { syncClockOffset, type TimeSample } from './clock-sync.ts';

/** The clock a REST connector signs with: local time plus the offset its last sync measured (0 until then). */
export interface SigningClock {
  /** The offset applied to signed timestamps, in ms (0 until synced). */
  readonly offsetMs: number;
  /** The timestamp to sign a request with now: local time + offset, rounded to the millisecond. */
  timestamp(): number;
  /** Measures the offset (or takes the shared cache's, see syncClockOffset) and keeps it for `timestamp()`. */
  sync(getServerTime: TimeSample, samples?: number): Promise<ClockOffset>;
}

/**
 * The clock-offset state every REST connector keeps for `host`, behind its `clockOffsetMs` and `syncClock`.
 *
 * @example
 * const signing = createSigningClock(resolved, host);
 * sign({ ..., timestamp: signing.timestamp() });
 * const connector = { get clockOffsetMs() { return signing.offsetMs; },
 *   syncClock: (samples = 3) => signing.sync(() => connector.getServerTime(), samples), ... };
 */
export function createSigningClock(
  options: Parameters<typeof syncClockOffset>[0],
  host: string,
): SigningClock {
  let offsetMs = 0;
  return {
    get offsetMs() {
      return offsetMs;
    },
    timestamp: () => Math.round(options.clock.now() + offsetMs),
    async sync(getServerTime, samples = 3) {
      const result = await syncClockOffset(options, host, getServerTime, samples);
      offsetMs = result.offsetMs;
      return result;
    },
  };
}
