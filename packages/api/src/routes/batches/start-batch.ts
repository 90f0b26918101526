import { defineRoute } from '../../route.ts';
import { batchAcceptedSchema, startBatchBodySchema } from '../../schemas/batch.ts';
import { errorResponses, WRITE_ERRORS } from '../responses.ts';

export const startBatchRoute = defineRoute(
  {
    method: 'post',
    path: '/api/settings/connections/batches',
    operationId: 'startBatch',
    summary: 'Start a batch and return at once (202); follow it with GET …/batches/:id or its events',
    tag: 'batches',
    access: 'admin',
    body: startBatchBodySchema,
    responses: {
      202: { description: 'Accepted', schema: batchAcceptedSchema },
      ...errorResponses(...WRITE_ERRORS, 429),
    },
  },
  async (c, { body }, deps) => {
    const job = await deps.coordinator.startBatch(body.connectionIds, {
      type: body.type ?? 'test',
      priority: body.priority ?? 0,
    });
    const self = `/api/settings/connections/batches/${job.id}`;
    c.header('Location', self);
    return c.json(
      {
        success: true,
        batchId: job.id,
        status: job.status,
        total: job.connectionIds.length,
        links: { self, events: `${self}/events` },
      },
      202,
    );
  },
);
