import type { ConnectionAction } from '@cts/core';
import { defineRoute } from '../../route.ts';
import { idParamSchema } from '../../schemas/common.ts';
import { connectionReplySchema } from '../../schemas/connection.ts';
import { actionBodySchema } from '../../schemas/connection-input.ts';
import { errorResponses, WRITE_ERRORS } from '../responses.ts';

const SUMMARIES: Record<ConnectionAction, string> = {
  enable: 'Enable a disabled connection (or retry one in error): it is tested, then active or in error',
  disable: 'Disable a connection',
  pause: 'Pause an active connection (or one in error)',
  resume: 'Resume a paused connection',
};

/** POST /api/settings/connections/:id/<action>: a state-machine transition (409 when not allowed). */
export function connectionActionRoute(action: ConnectionAction) {
  return defineRoute(
    {
      method: 'post',
      path: `/api/settings/connections/:id/${action}`,
      operationId: `${action}Connection`,
      summary: SUMMARIES[action],
      tag: 'connections',
      access: 'admin',
      params: idParamSchema,
      body: actionBodySchema,
      bodyOptional: true,
      responses: {
        200: { description: 'The connection in its new state', schema: connectionReplySchema },
        ...errorResponses(...WRITE_ERRORS, 404, 409),
      },
    },
    async (c, { params, body }, deps) => {
      const connection = await deps.coordinator.applyAction(params.id, action, body.version);
      return c.json({ success: true, connection });
    },
  );
}
