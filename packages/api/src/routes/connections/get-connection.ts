import { defineRoute } from '../../route.ts';
import { idParamSchema } from '../../schemas/common.ts';
import { connectionReplySchema } from '../../schemas/connection.ts';
import { errorResponses, READ_ERRORS } from '../responses.ts';

export const getConnectionRoute = defineRoute(
  {
    method: 'get',
    path: '/api/settings/connections/:id',
    operationId: 'getConnection',
    summary: 'One connection',
    tag: 'connections',
    access: 'viewer',
    params: idParamSchema,
    responses: {
      200: { description: 'The connection', schema: connectionReplySchema },
      ...errorResponses(...READ_ERRORS, 404),
    },
  },
  async (c, { params }, deps) =>
    c.json({ success: true, connection: await deps.coordinator.getConnection(params.id) }),
);
