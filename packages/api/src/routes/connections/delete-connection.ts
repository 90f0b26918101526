import { defineRoute } from '../../route.ts';
import { idParamSchema } from '../../schemas/common.ts';
import { DELETED_RESPONSE, errorResponses, WRITE_ERRORS } from '../responses.ts';

export const deleteConnectionRoute = defineRoute(
  {
    method: 'delete',
    path: '/api/settings/connections/:id',
    operationId: 'deleteConnection',
    summary: 'Delete a connection with its credentials and history',
    tag: 'connections',
    access: 'admin',
    params: idParamSchema,
    responses: {
      200: DELETED_RESPONSE,
      ...errorResponses(...WRITE_ERRORS, 404),
    },
  },
  async (c, { params }, deps) => {
    await deps.coordinator.deleteConnection(params.id);
    return c.json({ success: true, id: params.id, deleted: true });
  },
);
