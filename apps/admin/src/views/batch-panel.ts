import type { BatchStatusView, BatchTaskResult, TestResult } from '@cts/core';
import { formatAmount } from './format.ts';
import { type Html, html } from './html.ts';

const TERMINAL = new Set(['completed', 'interrupted', 'cancelled']);
const TASK_CLASS: Record<string, string> = {
  succeeded: 'badge-ok',
  failed: 'badge-err',
  interrupted: 'badge-warn',
  cancelled: 'badge-muted',
  queued: 'badge-muted',
  running: '',
};

export function isTerminal(view: BatchStatusView): boolean {
  return TERMINAL.has(view.job.status);
}

function taskLine(t: BatchTaskResult, name: string): Html {
  const result = (t.result ?? null) as Partial<TestResult> | null;
  const error = t.error ?? result?.error ?? null;
  const balance = result?.balance ?? null;
  return html`<li data-task-status="${t.status}" data-connection-id="${t.connectionId}">
<strong>${name}</strong> <span class="badge ${TASK_CLASS[t.status] ?? ''}">${t.status}</span>
${balance ? html` <span data-balance>${formatAmount(balance.total, balance.currency)}</span>` : ''}
${result?.permissions?.withdraw ? html` <span class="badge badge-err">can withdraw</span>` : ''}
${error ? html`<div class="muted"><span class="mono">${error.code}</span>: ${error.message}</div>${error.hint ? html`<div class="hint">${error.hint}</div>` : ''}` : ''}
</li>`;
}

/** The batch panel: a live progress bar and per-connection results as they arrive; polls itself until done. */
export function batchPanel(
  view: BatchStatusView,
  p: { base: string; pollMs: number; names: Map<string, string> },
): Html {
  const { job, done, total } = view;
  const pct = total === 0 ? 100 : Math.round((done / total) * 100);
  const finished = isTerminal(view);
  const ended = view.tasks.filter(
    (t) =>
      t.finishedAt !== null || TERMINAL.has(t.status) || t.status === 'succeeded' || t.status === 'failed',
  );
  const ok = view.tasks.filter((t) => t.status === 'succeeded').length;
  const failed = view.tasks.filter((t) => t.status === 'failed').length;
  const poll = finished
    ? ''
    : html`hx-get="${p.base}/batches/${job.id}" hx-trigger="every ${p.pollMs}ms" hx-swap="outerHTML"`;
  return html`<section class="panel" id="batch-run" data-status="${job.status}" data-done="${done}" data-total="${total}"
  aria-labelledby="batch-title" ${finished ? '' : html`aria-busy="true"`} ${poll}>
<h2 id="batch-title">Batch test <span class="badge ${finished ? 'badge-ok' : ''}">${job.status}</span></h2>
<label for="batch-progress">Progress: <span data-progress-text>${done} of ${total} (${pct}%)</span></label>
<progress id="batch-progress" max="${Math.max(total, 1)}" value="${total === 0 ? 1 : done}">${pct}%</progress>
${finished ? html`<p data-summary>${ok} passed, ${failed} failed${job.startedAt && job.finishedAt ? `, in ${job.finishedAt - job.startedAt} ms` : ''}.</p>` : ''}
<ul class="results" aria-live="polite">${ended.map((t) => taskLine(t, p.names.get(t.connectionId) ?? t.connectionId))}</ul>
</section>`;
}
