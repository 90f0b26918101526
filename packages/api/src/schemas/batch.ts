import { TASK_TYPES } from '@cts/core';
import { z } from 'zod';
import { idSchema } from './common.ts';
import { ctsErrorSchema } from './cts-error.ts';

/** The seed's limit on one batch request. */
export const MAX_BATCH_IDS = 50;

const connectionIds = z
  .array(idSchema)
  .min(1, 'at least 1 id')
  .max(MAX_BATCH_IDS, `at most ${MAX_BATCH_IDS} ids per batch`)
  .refine((ids) => new Set(ids).size === ids.length, 'ids must be distinct')
  .describe(`Connection ids, 1 to ${MAX_BATCH_IDS}`);

/** POST /api/settings/connections/batch-test: the seed's body. */
export const batchTestBodySchema = z.strictObject({
  connectionIds,
  testType: z
    .enum(['all', ...TASK_TYPES])
    .optional()
    .describe('What to run on each connection. @default all (a full test)'),
});

/** POST /api/settings/connections/batches: starts a batch and returns its id at once. */
export const startBatchBodySchema = z.strictObject({
  connectionIds,
  type: z.enum(TASK_TYPES).optional().describe('@default test'),
  priority: z.number().int().min(0).max(10).optional().describe('Higher runs first. @default 0'),
});

const taskOutcome = z.object({
  success: z.boolean(),
  balance: z.number().optional(),
  error: z.string().optional(),
  code: z.string().optional(),
  hint: z.string().optional(),
});

export const batchSummarySchema = z
  .object({
    success: z.boolean(),
    batchId: z.string(),
    totalConnections: z.number(),
    successful: z.number(),
    failed: z.number(),
    duration: z.number().describe('ms'),
    results: z.record(z.string(), taskOutcome),
  })
  .describe("The seed's batch-test reply");

const batchTask = z.object({
  batchId: z.string(),
  connectionId: z.string(),
  status: z.enum(['queued', 'running', 'succeeded', 'failed', 'interrupted', 'cancelled']),
  startedAt: z.number().nullable(),
  finishedAt: z.number().nullable(),
  result: z.unknown(),
  error: ctsErrorSchema.extend({ hint: z.string().optional() }).nullable(),
});

export const batchStatusSchema = z.object({
  success: z.literal(true),
  batch: z.object({
    id: z.string(),
    type: z.enum(TASK_TYPES),
    status: z.enum(['queued', 'running', 'completed', 'interrupted', 'cancelled']),
    priority: z.number(),
    connectionIds: z.array(z.string()),
    createdAt: z.number(),
    startedAt: z.number().nullable(),
    finishedAt: z.number().nullable(),
    expiresAt: z.number(),
  }),
  tasks: z.array(batchTask),
  done: z.number(),
  total: z.number(),
});

export const batchAcceptedSchema = z.object({
  success: z.literal(true),
  batchId: z.string(),
  status: z.string(),
  total: z.number(),
  links: z.object({ self: z.string(), events: z.string() }),
});
