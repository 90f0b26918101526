import type { ConnectionRecord } from '@cts/core';
import type { TestRun } from '../routes/test-runs.ts';
import { connectionRow } from './connection-row.ts';
import { type Html, html } from './html.ts';
import { testResultView } from './test-result.ts';

/**
 * The test panel. While the test runs it polls itself (outerHTML swap every `pollMs`) and shows the steps known so
 * far (the connector's step lines, collected as they happen); once it ends it shows the connector's step log and results, stops polling, and refreshes the row.
 */
export function testPanel(
  run: TestRun,
  p: { base: string; pollMs: number; now: number; record?: ConnectionRecord },
): Html {
  const heading = html`<h2 id="test-title">Test of “${run.name}”`;
  if (run.finishedAt === null) {
    const elapsed = ((p.now - run.startedAt) / 1000).toFixed(1);
    return html`<section class="panel" id="test-run" data-status="running" aria-labelledby="test-title" aria-busy="true"
  hx-get="${p.base}/tests/${run.id}" hx-trigger="every ${p.pollMs}ms" hx-swap="outerHTML">
${heading} <span class="badge">running</span></h2>
<ol class="log" aria-live="polite">
<li>[${new Date(run.startedAt).toISOString()}] Test requested</li>
${run.steps.map((line) => html`<li data-step>${line}</li>`)}
<li>[${new Date(p.now).toISOString()}] Running for ${elapsed} s…</li>
</ol>
</section>`;
  }
  const row = p.record
    ? html`<template>${connectionRow(p.record, { base: p.base, canEdit: true }, undefined, true)}</template>`
    : '';
  if (run.failure)
    return html`<section class="panel" id="test-run" data-status="failed" aria-labelledby="test-title">
${heading} <span class="badge badge-err">not run</span></h2>
<div class="hint" role="alert"><p>${run.failure.message}</p>${run.failure.hint ? html`<p>${run.failure.hint}</p>` : ''}</div>
</section>`;
  const r = run.result!;
  return html`<section class="panel" id="test-run" data-status="${r.success ? 'passed' : 'failed'}" aria-labelledby="test-title">
${heading} <span class="badge ${r.success ? 'badge-ok' : 'badge-err'}">${r.success ? 'passed' : 'failed'}</span></h2>
${testResultView(r)}
</section>${row}`;
}
