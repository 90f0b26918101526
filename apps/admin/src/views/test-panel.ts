import type { TestResult } from '@cts/core';
import { type Html, html } from './html.ts';
import { testResultView } from './test-result.ts';

/** What a test started from the UI ended with: the test's result, or why it could not run at all. */
export type TestOutcome = { result: TestResult } | { failure: { message: string; hint?: string } };

const heading = (name: string) => html`<h2 id="test-title">Test of “${name}”`;

/**
 * The test panel while the test runs: admin.js appends each step line to the log as the server streams it
 * (`<li data-step>`), then swaps in the finished panel.
 */
export function testRunningPanel(name: string, startedAt: number): Html {
  return html`<section class="panel" id="test-run" data-status="running" aria-labelledby="test-title" aria-busy="true">
${heading(name)} <span class="badge">running</span></h2>
<ol class="log" aria-live="polite" data-steps>
<li>[${new Date(startedAt).toISOString()}] Test requested</li>
</ol>
</section>`;
}

/** The finished test: passed or failed with the step log and results, or "not run" with the reason. */
export function testDonePanel(name: string, outcome: TestOutcome): Html {
  if ('failure' in outcome)
    return html`<section class="panel" id="test-run" data-status="failed" aria-labelledby="test-title">
${heading(name)} <span class="badge badge-err">not run</span></h2>
<div class="hint" role="alert"><p>${outcome.failure.message}</p>${outcome.failure.hint ? html`<p>${outcome.failure.hint}</p>` : ''}</div>
</section>`;
  const r = outcome.result;
  return html`<section class="panel" id="test-run" data-status="${r.success ? 'passed' : 'failed'}" aria-labelledby="test-title">
${heading(name)} <span class="badge ${r.success ? 'badge-ok' : 'badge-err'}">${r.success ? 'passed' : 'failed'}</span></h2>
${testResultView(r)}
</section>`;
}
