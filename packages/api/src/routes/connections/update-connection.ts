import { defineRoute } from '../../route.ts';
import { idParamSchema } from '../../schemas/common.ts';
import { connectionReplySchema } from '../../schemas/connection.ts';
import { updateConnectionSchema } from '../../schemas/connection-input.ts';
import { errorResponses, WRITE_ERRORS } from '../responses.ts';
import { withoutUnusedPassphrase } from './passphrase-warning.ts';

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
  async (c, { params, body: given }, deps) => {
    // Only a body with a passphrase costs a read (to learn the exchange).
    const { body, warnings } =
      given.api_passphrase === undefined
        ? { body: given, warnings: [] }
        : withoutUnusedPassphrase((await deps.coordinator.getConnection(params.id)).exchange, given);
    const changes = Object.keys(body).some((k) => k !== 'version');
    const connection = changes
      ? await deps.coordinator.updateConnection(params.id, body)
      : await deps.coordinator.getConnection(params.id);
    return c.json({ success: true, connection, ...(warnings.length ? { warnings } : {}) });
  },
);
