import { API_TYPE_MATRIX, supportsApiType, ValidationError } from '@cts/core';
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
  async (c, { params, body }, deps) => {
    if (body.api_type !== undefined) {
      const current = await deps.coordinator.getConnection(params.id);
      if (!supportsApiType(current.exchange, body.api_type))
        throw new ValidationError(
          'api_type',
          `${current.exchange} supports ${API_TYPE_MATRIX[current.exchange].join(', ')} (API type matrix)`,
        );
    }
    const connection = await deps.coordinator.updateConnection(params.id, body);
    return c.json({ success: true, connection });
  },
);
