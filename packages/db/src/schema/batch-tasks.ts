import type { BatchTaskResult, TaskStatus } from '@cts/core/storage';
import { integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { batchJobs } from './batch-jobs.ts';

/** One row per (batch, connection): each task's final state is one single-row write. */
export const batchTasks = sqliteTable(
  'batch_tasks',
  {
    batchId: text('batch_id')
      .notNull()
      .references(() => batchJobs.id, { onDelete: 'cascade' }),
    connectionId: text('connection_id').notNull(),
    /** Index in the job's connectionIds: tasks are listed in this order. */
    position: integer('position').notNull(),
    status: text('status').$type<TaskStatus>().notNull(),
    startedAt: integer('started_at'),
    finishedAt: integer('finished_at'),
    result: text('result', { mode: 'json' }).$type<unknown>(),
    error: text('error', { mode: 'json' }).$type<BatchTaskResult['error']>(),
  },
  (t) => [primaryKey({ columns: [t.batchId, t.connectionId] })],
);
