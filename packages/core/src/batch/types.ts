import type { BatchStatus, BatchTaskResult, TaskType } from '../storage/ports.ts';

/** One queued task as the processor runs it. */
export interface BatchTask {
  batchId: string;
  connectionId: string;
  type: TaskType;
  priority: number;
  /** The scheduling lane (the connection's exchange): lanes run side by side, each with its own slots. */
  lane: string;
}

/** One entry of a batch summary: the seed's `{ success, balance }` or `{ success: false, error }`. */
export interface SummaryEntry {
  success: boolean;
  balance?: number;
  error?: string;
  code?: string;
  hint?: string;
}

/** What running a task produced. `entry` is its line in the batch summary. */
export interface TaskOutcome {
  status: 'succeeded' | 'failed';
  result: unknown;
  error: BatchTaskResult['error'];
  entry: SummaryEntry;
}

/** Runs one task. Must not throw for expected failures (return a failed outcome); `signal` aborts on stop. */
export type TaskExecutor = (task: BatchTask, signal: AbortSignal) => Promise<TaskOutcome>;

export interface QueueStatus {
  /** Tasks waiting for a slot. */
  queueLength: number;
  /** Tasks running now. */
  activeTasks: number;
  /** Tasks finished since this processor started. */
  completedTasks: number;
  /** Per lane: queued and active tasks. */
  lanes: Record<string, { queued: number; active: number }>;
}

/** The final status a batch gets when its last task ends. */
export type FinalStatus = Extract<BatchStatus, 'completed' | 'interrupted'>;
