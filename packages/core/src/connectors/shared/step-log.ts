import type { Clock } from '../../ports/clock.ts';

/**
 * A connection test's step writer: appends `[ISO time] text` to `log` and hands the same line to `onStep` as it
 * happens (a listener that throws is ignored: a UI going away must not fail the test).
 */
export function stepLogger(
  log: string[],
  clock: Clock,
  onStep?: (line: string) => void,
): (text: string) => void {
  return (text) => {
    const line = `[${new Date(clock.now()).toISOString()}] ${text}`;
    log.push(line);
    if (!onStep) return;
    try {
      onStep(line);
    } catch {
      // the listener's failure is its own
    }
  };
}
