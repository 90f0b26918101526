import type { BatchStatus, TaskType } from '@cts/core/storage';
import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/** Batch jobs; their results expire (expires_at = created + TTL) and are purged with their tasks. */
export const batchJobs = sqliteTable(
  'batch_jobs',
  {
    id: text('id').primaryKey(),
    type: text('type').$type<TaskType>().notNull(),
    status: text('status').$type<BatchStatus>().notNull(),
    priority: integer('priority').notNull(),
    /** JSON array, in task order. */
    connectionIds: text('connection_ids', { mode: 'json' }).$type<string[]>().notNull(),
    createdAt: integer('created_at').notNull(),
    startedAt: integer('started_at'),
    finishedAt: integer('finished_at'),
    expiresAt: integer('expires_at').notNull(),
  },
  (t) => [
    index('batch_jobs_status_idx').on(t.status),
    index('batch_jobs_expires_idx').on(t.expiresAt),
    index('batch_jobs_created_idx').on(t.createdAt, t.id),
  ],
);
