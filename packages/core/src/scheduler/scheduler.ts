import type { Clock } from '../ports/clock.ts';

/**
 * Runs work periodically. `every` returns the function that cancels it. Implementations never run two calls of
 * the same job at once: a run that is still going when the next is due makes the next one skip.
 */
export interface Scheduler {
  every(ms: number, fn: () => void | Promise<void>): () => void;
}

function guard(ms: number): void {
  if (!Number.isFinite(ms) || ms <= 0) throw new TypeError('ms: must be a positive number of milliseconds');
}

/** Wraps `fn` so that overlapping calls are skipped and failures are handed to `onError` (never thrown). */
function nonOverlapping(
  fn: () => void | Promise<void>,
  onError: (err: unknown) => void,
): () => Promise<void> {
  let running = false;
  return async () => {
    if (running) return;
    running = true;
    try {
      await fn();
    } catch (err) {
      onError(err);
    } finally {
      running = false;
    }
  };
}

/**
 * A scheduler on the runtime's timers (`setInterval`): Node, Bun and Deno. Timers are unref'd where the runtime
 * allows, so they never keep a process alive. Cloudflare Workers use a Cron Trigger instead.
 *
 * @example
 * const cancel = createTimerScheduler().every(300_000, () => coordinator.runHealthChecks());
 */
export function createTimerScheduler(options: { onError?: (err: unknown) => void } = {}): Scheduler {
  const onError = options.onError ?? (() => {});
  return {
    every(ms, fn) {
      guard(ms);
      const run = nonOverlapping(fn, onError);
      const timer = setInterval(() => void run(), ms) as unknown as { unref?: () => void };
      timer.unref?.();
      return () => clearInterval(timer as unknown as number);
    },
  };
}

/**
 * A scheduler driven by a Clock's `sleep`: with a ManualClock, advancing time runs the jobs, so tests never wait.
 *
 * @example
 * const clock = new ManualClock();
 * createClockScheduler(clock).every(1000, job);
 * await clock.advance(3000); // job ran 3 times
 */
export function createClockScheduler(
  clock: Clock,
  options: { onError?: (err: unknown) => void } = {},
): Scheduler {
  const onError = options.onError ?? (() => {});
  return {
    every(ms, fn) {
      guard(ms);
      const run = nonOverlapping(fn, onError);
      const controller = new AbortController();
      const loop = async () => {
        for (;;) {
          try {
            await clock.sleep(ms, controller.signal);
          } catch {
            return;
          }
          void run();
        }
      };
      void loop();
      return () => controller.abort();
    },
  };
}
