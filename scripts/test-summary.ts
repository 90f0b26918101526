/**
 * Reads the output of `npm test` line by line (vitest summaries, turbo's task report) and writes the one closing
 * line CI reads: "N passed, N failed". A test file that failed to load or run (vitest's "Test Files  1 failed" with
 * no failed test in it) and a turbo task that failed without running tests (a typecheck) count as failures too.
 */
const ESC = String.fromCharCode(27);

/** Drops ANSI colour codes. */
export function stripAnsi(s: string): string {
  return s
    .split(ESC)
    .map((part, i) => (i === 0 ? part : part.replace(/^\[[0-9;]*m/, '')))
    .join('');
}

const num = (re: RegExp, text: string) => Number(re.exec(text)?.[1] ?? 0);

export class TestSummary {
  passed = 0;
  failedTests = 0;
  skipped = 0;
  /** Test files that failed without a failed test to show for it (import errors, crashed workers). */
  brokenFiles = 0;
  /** Turbo tasks other than tests that failed (a typecheck): a test task's failures are counted from its output. */
  failedTasks = 0;
  /** Other failures the runner adds (lint). */
  other = 0;
  #filesFailed = 0;

  add(raw: string): void {
    // turbo prefixes each task's lines: "@cts/core:test: ".
    const line = stripAnsi(raw).replace(/^[@\w./-]+:[\w:-]+: ?/, '');
    const files = /^\s*Test Files\s+(.*)$/.exec(line);
    if (files) {
      this.#filesFailed = num(/(\d+) failed/, files[1]!);
      return;
    }
    const tests = /^\s*Tests\s+(.*)$/.exec(line);
    if (tests) {
      const failed = num(/(\d+) failed/, tests[1]!);
      this.passed += num(/(\d+) passed/, tests[1]!);
      this.failedTests += failed;
      this.skipped += num(/(\d+) skipped/, tests[1]!);
      // Each failed test lies in a failed file; files beyond them failed on their own.
      this.brokenFiles += Math.max(0, this.#filesFailed - failed);
      this.#filesFailed = 0;
      return;
    }
    const turbo = /^\s*Failed:\s+\S+#(\S+)/.exec(line);
    if (turbo && turbo[1] !== 'test') this.failedTasks += 1;
  }

  /** Ends the input: a "Test Files … failed" line with no "Tests" line after it (no test ran) counts as well. */
  end(): void {
    this.brokenFiles += this.#filesFailed;
    this.#filesFailed = 0;
  }

  get failed(): number {
    return this.failedTests + this.brokenFiles + this.failedTasks + this.other;
  }

  /** "12 passed, 0 failed", or with the reasons: "12 passed, 3 failed (1 test, 1 test file that did not run, 1 task: typecheck)". */
  closingLine(): string {
    const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
    const why = [
      this.failedTests ? plural(this.failedTests, 'test') : '',
      this.brokenFiles ? `${plural(this.brokenFiles, 'test file')} that did not run` : '',
      this.failedTasks ? plural(this.failedTasks, 'typecheck or build task') : '',
      this.other ? `${this.other} lint` : '',
    ].filter(Boolean);
    let line = `${this.passed} passed, ${this.failed} failed`;
    if (why.length > 1 || (why.length === 1 && !this.failedTests)) line += ` (${why.join(', ')})`;
    if (this.skipped) line += `, ${this.skipped} skipped`;
    return line;
  }
}
