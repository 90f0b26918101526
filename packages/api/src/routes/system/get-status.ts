import { defineRoute } from '../../route.ts';
import { systemStatusSchema } from '../../schemas/reports.ts';
import { errorResponses } from '../responses.ts';

export const getStatusRoute = defineRoute(
  {
    method: 'get',
    path: '/api/system/status',
    operationId: 'getSystemStatus',
    summary: 'System status: connections, health, request metrics, batch queue, features',
    tag: 'system',
    access: 'viewer',
    responses: {
      200: { description: "The seed's system status", schema: systemStatusSchema },
      ...errorResponses(401),
    },
  },
  async (c, _input, deps) => c.json(await deps.coordinator.getSystemStatus()),
);
