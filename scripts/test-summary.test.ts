import { describe, expect, it } from 'vitest';
import { TestSummary } from './test-summary.ts';

const read = (text: string) => {
  const s = new TestSummary();
  for (const line of text.split('\n')) s.add(line);
  s.end();
  return s;
};

describe('TestSummary', () => {
  it('sums passed, failed and skipped over every vitest run', () => {
    const s = read(
      [
        ' Test Files  3 passed (3)',
        '      Tests  10 passed | 1 skipped (11)',
        ' Test Files  1 failed | 2 passed (3)',
        '      Tests  2 failed | 8 passed (10)',
      ].join('\n'),
    );
    expect(s.closingLine()).toBe('18 passed, 2 failed, 1 skipped');
  });

  it('counts a test file that failed to load as a failure, not "0 failed"', () => {
    const s = read(
      [
        ' FAIL  src/broken.test.ts [ src/broken.test.ts ]',
        "Error: Cannot find module './gone.ts'",
        ' Test Files  1 failed | 4 passed (5)',
        '      Tests  40 passed (40)',
      ].join('\n'),
    );
    expect(s.failed).toBe(1);
    expect(s.closingLine()).toBe('40 passed, 1 failed (1 test file that did not run)');
  });

  it('counts a run where no test ran at all, and reads coloured output', () => {
    const esc = String.fromCharCode(27);
    const s = read(
      [
        `${esc}[2m Test Files ${esc}[22m ${esc}[1m${esc}[31m2 failed${esc}[39m${esc}[22m (2)`,
        '      Tests  no tests',
      ].join('\n'),
    );
    expect(s.closingLine()).toBe('0 passed, 2 failed (2 test files that did not run)');
    const noTestsLine = read(' Test Files  1 failed (1)');
    expect(noTestsLine.failed).toBe(1);
  });

  it("reads lines behind turbo's task prefix", () => {
    const s = read(
      [
        '@cts/core:test:  Test Files  1 failed | 3 passed (4)',
        '@cts/core:test:       Tests  9 passed (9)',
      ].join('\n'),
    );
    expect(s.closingLine()).toBe('9 passed, 1 failed (1 test file that did not run)');
  });

  it('does not count a file twice when its failure is a failed test', () => {
    const s = read([' Test Files  1 failed (1)', '      Tests  3 failed | 1 passed (4)'].join('\n'));
    expect(s.closingLine()).toBe('1 passed, 3 failed');
  });

  it('reports turbo tasks that failed (a typecheck) beside the tests', () => {
    const s = read(
      ['    Failed:    @cts/core#typecheck', ' Test Files  1 passed (1)', '      Tests  1 passed (1)'].join(
        '\n',
      ),
    );
    expect(s.closingLine()).toBe('1 passed, 1 failed (1 typecheck or build task)');
    expect(read('    Failed:    @cts/core#test').failed).toBe(0);
  });
});
