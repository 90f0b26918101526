import { z } from 'zod';
import { defineRoute } from '../../route.ts';
import { connectionRecordSchema } from '../../schemas/connection.ts';
import { listConnectionsQuerySchema } from '../../schemas/filters.ts';
import { errorResponses, READ_ERRORS } from '../responses.ts';

const replySchema = z.object({
  success: z.literal(true),
  count: z.number(),
  filters: z.object({
    exchange: z.string().nullable(),
    apiType: z.string().nullable(),
    enabled: z.boolean().nullable(),
    active: z.boolean().nullable(),
  }),
  connections: z.array(connectionRecordSchema),
});

export const listConnectionsRoute = defineRoute(
  {
    method: 'get',
    path: '/api/settings/connections',
    operationId: 'listConnections',
    summary: 'List connections, filtered by exchange, API type, enabled and active',
    tag: 'connections',
    access: 'viewer',
    query: listConnectionsQuerySchema,
    responses: {
      200: { description: 'The connections', schema: replySchema },
      ...errorResponses(...READ_ERRORS),
    },
  },
  async (c, { query }, deps) => {
    const connections = await deps.coordinator.listConnections(query);
    return c.json({
      success: true,
      count: connections.length,
      filters: {
        exchange: query.exchange ?? null,
        apiType: query.apiType ?? null,
        enabled: query.enabled ?? null,
        active: query.active ?? null,
      },
      connections,
    });
  },
);
