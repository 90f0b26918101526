import type { SummaryEntry, TaskOutcome } from '../batch/types.ts';
import type { TestResult } from '../connectors/types.ts';
import type { BatchJob, BatchTaskResult } from '../storage/ports.ts';
import type { OperationResult } from './operation-runner.ts';
import type { BatchStatusView } from './types.ts';

/** A batch task's row and summary line from an operation's result. */
export function taskOutcome(r: OperationResult): TaskOutcome {
  const result =
    r.test ??
    r.balance ??
    r.permissions ??
    (r.clockOffsetMs !== undefined ? { clockOffsetMs: r.clockOffsetMs } : null);
  const entry: SummaryEntry = { success: r.success };
  if (r.balance) entry.balance = r.balance.total;
  if (!r.success && r.error) {
    entry.error = r.error.message;
    entry.code = r.error.code;
    entry.hint = r.error.hint;
  }
  const error = r.success || !r.error ? null : r.error.toJSON();
  return { status: r.success ? 'succeeded' : 'failed', result, error, entry };
}

/** The outcome of a task whose connection was deleted before it ran. */
export function missingConnection(id: string): TaskOutcome {
  const message = `connection ${id} does not exist`;
  return {
    status: 'failed',
    result: null,
    error: { code: 'not_found', message },
    entry: { success: false, error: message, code: 'not_found' },
  };
}

/** A TestResult for a test that was not sent (the breaker is open): the seed's shape, with the reason and hint. */
export function notTested(r: OperationResult, now: number): TestResult {
  const error = r.error!;
  const at = new Date(now).toISOString();
  return {
    success: false,
    balance: null,
    permissions: null,
    clockOffsetMs: null,
    duration: 0,
    log: [`[${at}] Not tested: ${error.message}`, `[${at}] Hint: ${error.hint}`],
    warnings: [],
    error: error.toJSON(),
  };
}

/** A batch's stored rows, with the tasks this process is running now shown as running. */
export function batchView(
  job: BatchJob,
  rows: BatchTaskResult[],
  running: Map<string, number>,
): BatchStatusView {
  const tasks = rows.map((t) =>
    t.status === 'queued' && running.has(t.connectionId)
      ? { ...t, status: 'running' as const, startedAt: running.get(t.connectionId) ?? null }
      : t,
  );
  const done = tasks.filter((t) => t.status !== 'queued' && t.status !== 'running').length;
  return { job, tasks, done, total: tasks.length };
}
