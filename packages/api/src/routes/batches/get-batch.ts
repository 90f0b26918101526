import { defineRoute } from '../../route.ts';
import { batchStatusSchema } from '../../schemas/batch.ts';
import { idParamSchema } from '../../schemas/common.ts';
import { errorResponses, READ_ERRORS } from '../responses.ts';

export const getBatchRoute = defineRoute(
  {
    method: 'get',
    path: '/api/settings/connections/batches/:id',
    operationId: 'getBatch',
    summary: "A batch's status and its tasks so far",
    tag: 'batches',
    access: 'viewer',
    params: idParamSchema,
    responses: {
      200: { description: 'The batch', schema: batchStatusSchema },
      ...errorResponses(...READ_ERRORS, 404),
    },
  },
  async (c, { params }, deps) => {
    const view = await deps.coordinator.getBatch(params.id);
    return c.json({ success: true, batch: view.job, tasks: view.tasks, done: view.done, total: view.total });
  },
);
