import type { Clock, Coordinator, TestResult } from '@cts/core';
import { randomHex } from '@cts/core';

/** Step lines kept per run while it is running (a test logs about ten). */
const MAX_STEPS = 100;

/** One test started from the UI, followed by polling until it ends. */
export interface TestRun {
  id: string;
  connectionId: string;
  name: string;
  startedAt: number;
  finishedAt: number | null;
  /** The test's step lines so far, as they happen (bounded); the full log is in `result` once it ends. */
  steps: string[];
  result: TestResult | null;
  /** A failure to run the test at all (unknown id, refused); test failures are in `result`. */
  failure: { message: string; hint?: string } | null;
}

/**
 * The tests the UI started, kept in memory so the page can poll them (bounded: the oldest finished runs go first,
 * and runs older than `ttlMs` are dropped). A run is per process; a page polling another instance sees "unknown".
 */
export class TestRuns {
  readonly #runs = new Map<string, TestRun>();
  readonly #clock: Clock;
  readonly #max: number;
  readonly #ttlMs: number;

  constructor(options: { clock: Clock; max?: number; ttlMs?: number }) {
    this.#clock = options.clock;
    this.#max = options.max ?? 200;
    this.#ttlMs = options.ttlMs ?? 15 * 60_000;
  }

  /** Starts `coordinator.testConnection(id)` (its steps collected as they happen) and returns its run at once. */
  start(
    coordinator: Coordinator,
    connectionId: string,
    name: string,
    describe: (err: unknown) => TestRun['failure'],
  ): TestRun {
    this.#prune();
    const run: TestRun = {
      id: randomHex(12),
      connectionId,
      name,
      startedAt: this.#clock.now(),
      finishedAt: null,
      steps: [],
      result: null,
      failure: null,
    };
    this.#runs.set(run.id, run);
    const onStep = (line: string) => {
      if (run.steps.length < MAX_STEPS) run.steps.push(line);
    };
    coordinator.testConnection(connectionId, { onStep }).then(
      (result) => {
        run.result = result;
        run.finishedAt = this.#clock.now();
      },
      (err: unknown) => {
        run.failure = describe(err);
        run.finishedAt = this.#clock.now();
      },
    );
    return run;
  }

  get(id: string): TestRun | undefined {
    return this.#runs.get(id);
  }

  #prune(): void {
    const now = this.#clock.now();
    for (const [id, run] of this.#runs) if (now - run.startedAt > this.#ttlMs) this.#runs.delete(id);
    if (this.#runs.size < this.#max) return;
    for (const [id, run] of this.#runs) {
      if (this.#runs.size < this.#max) break;
      if (run.finishedAt !== null) this.#runs.delete(id);
    }
  }
}
