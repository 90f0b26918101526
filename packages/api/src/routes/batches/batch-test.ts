import { defineRoute } from '../../route.ts';
import { batchSummarySchema, batchTestBodySchema } from '../../schemas/batch.ts';
import { errorResponses, WRITE_ERRORS } from '../responses.ts';

export const batchTestRoute = defineRoute(
  {
    method: 'post',
    path: '/api/settings/connections/batch-test',
    operationId: 'batchTest',
    summary: 'Test up to 50 connections in parallel and wait for all results',
    description: 'For long batches use POST /api/settings/connections/batches and follow its event stream.',
    tag: 'batches',
    access: 'admin',
    body: batchTestBodySchema,
    responses: {
      200: { description: "The seed's batch summary", schema: batchSummarySchema },
      ...errorResponses(...WRITE_ERRORS, 429),
    },
  },
  async (c, { body }, deps) => {
    const summary = await deps.coordinator.testConnections(body.connectionIds, {
      testType: body.testType ?? 'all',
    });
    return c.json(summary);
  },
);
