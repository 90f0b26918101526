import { defineRoute } from '../../route.ts';
import { connectionReplySchema } from '../../schemas/connection.ts';
import { createConnectionSchema } from '../../schemas/connection-input.ts';
import { errorResponses, WRITE_ERRORS } from '../responses.ts';

export const createConnectionRoute = defineRoute(
  {
    method: 'post',
    path: '/api/settings/connections',
    operationId: 'createConnection',
    summary: 'Create a connection (enabled and tested unless enabled is false)',
    tag: 'connections',
    access: 'admin',
    body: createConnectionSchema,
    responses: {
      201: { description: 'Created', schema: connectionReplySchema },
      ...errorResponses(...WRITE_ERRORS),
    },
  },
  async (c, { body }, deps) => {
    const connection = await deps.coordinator.createConnection(body);
    c.header('Location', `/api/settings/connections/${connection.id}`);
    return c.json({ success: true, connection }, 201);
  },
);
