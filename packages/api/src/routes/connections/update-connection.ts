import { defineRoute } from '../../route.ts';
import { idParamSchema } from '../../schemas/common.ts';
import { connectionReplySchema } from '../../schemas/connection.ts';
import { updateConnectionSchema } from '../../schemas/connection-input.ts';
import { errorResponses, WRITE_ERRORS } from '../responses.ts';

export const updateConnectionRoute = defineRoute(
  {
    method: 'patch',
    path: '/api/settings/connections/:id',
    operationId: 'updateConnection',
    summary: 'Change a connection (name, API type, credentials, options); conditional on version',
    tag: 'connections',
    access: 'admin',
    params: idParamSchema,
    body: updateConnectionSchema,
    responses: {
      200: { description: 'Updated', schema: connectionReplySchema },
      ...errorResponses(...WRITE_ERRORS, 404, 409),
    },
  },
  // The coordinator checks the patched connection as a whole (API-type matrix included) before it writes anything.
  async (c, { params, body }, deps) => {
    const connection = await deps.coordinator.updateConnection(params.id, body);
    return c.json({ success: true, connection });
  },
);
