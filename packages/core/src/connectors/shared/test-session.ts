import { toCtsError } from '../../errors/cts-error.ts';
import type { Clock } from '../../ports/clock.ts';
import type { Balance, Connector, Permissions, TestOptions, TestResult } from '../types.ts';
import { clockOffsetStep } from './clock-sync.ts';
import { stepLogger } from './step-log.ts';

/** Offsets beyond this are reported as a warning even when the exchange accepted the request. */
const LARGE_OFFSET_MS = 1000;

/** What a connection test has learned so far; the result carries it, passed or failed. */
export interface TestFindings {
  balance: Balance | null;
  permissions: Permissions | null;
  clockOffsetMs: number | null;
}

/**
 * The frame every connection test shares (REST and stream): the timestamped step log, warnings, the clock-sync
 * step, and the passed/failed result shapes with our error code and hint.
 */
export function startTestSession(connector: Connector, clock: Clock, options: TestOptions = {}) {
  const started = clock.now();
  const log: string[] = [];
  const warnings: string[] = [];
  const step = stepLogger(log, clock, options.onStep);
  const found: TestFindings = { balance: null, permissions: null, clockOffsetMs: null };
  /** The test's signal and priority, for each of its calls. */
  const call = { signal: options.signal, priority: options.priority };
  step(`Starting test of ${connector.exchange} ${connector.apiType} (${connector.environment})...`);
  const result = (success: boolean): TestResult => ({
    success,
    ...found,
    duration: clock.now() - started,
    log,
    warnings,
  });
  return {
    step,
    warnings,
    found,
    call,
    /** Syncs the connector's clock with the exchange, logging the offset and warning when it is large. */
    async syncClock(): Promise<void> {
      step('Syncing clock with the exchange...');
      const offset = await connector.syncClock(undefined, call);
      found.clockOffsetMs = offset.offsetMs;
      step(clockOffsetStep(offset));
      if (Math.abs(offset.offsetMs) > LARGE_OFFSET_MS)
        warnings.push(
          `This machine's clock is ${offset.offsetMs} ms off the exchange's; signed timestamps are corrected, but sync NTP.`,
        );
    },
    passed(): TestResult {
      step('Test passed');
      return result(true);
    },
    failed(err: unknown): TestResult {
      const error = toCtsError(err);
      const code = error.exchangeCode !== undefined ? ` (exchange code ${error.exchangeCode})` : '';
      step(`Test failed: ${error.message}${code}`);
      step(`Hint: ${error.hint}`);
      const failed: TestResult = { ...result(false), error: error.toJSON() };
      return Object.defineProperty(failed, 'failure', { value: error, enumerable: false });
    },
  };
}
