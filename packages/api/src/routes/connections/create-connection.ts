import { defineRoute } from '../../route.ts';
import { connectionReplySchema } from '../../schemas/connection.ts';
import { createConnectionSchema } from '../../schemas/connection-input.ts';
import { errorResponses, WRITE_ERRORS } from '../responses.ts';
import { withoutUnusedPassphrase } from './passphrase-warning.ts';

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
  async (c, { body: given }, deps) => {
    const { body, warnings } = withoutUnusedPassphrase(given.exchange, given);
    const connection = await deps.coordinator.createConnection(body);
    c.header('Location', `/api/settings/connections/${connection.id}`);
    return c.json({ success: true, connection, ...(warnings.length ? { warnings } : {}) }, 201);
  },
);
