import { z } from 'zod';
import { defineRoute } from '../../route.ts';
import { connectionRecordSchema } from '../../schemas/connection.ts';
import { listConnectionsQuerySchema } from '../../schemas/filters.ts';
import { errorResponses, READ_ERRORS } from '../responses.ts';
import { etagMatches, listReply } from './list-connections-reply.ts';

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
    description:
      'The reply carries a weak ETag over the filters and every listed id and version; send it back in ' +
      'If-None-Match to get 304 Not Modified (no body) while nothing listed has changed.',
    tag: 'connections',
    access: 'viewer',
    query: listConnectionsQuerySchema,
    responses: {
      200: { description: 'The connections', schema: replySchema },
      304: { description: 'Not modified: If-None-Match names the current ETag' },
      ...errorResponses(...READ_ERRORS),
    },
  },
  async (c, { query: given }, deps) => {
    const { api_type, ...rest } = given;
    const query = { ...rest, apiType: rest.apiType ?? api_type };
    const connections = await deps.coordinator.listConnections(query);
    const { etag, body } = listReply(connections, {
      exchange: query.exchange ?? null,
      apiType: query.apiType ?? null,
      enabled: query.enabled ?? null,
      active: query.active ?? null,
    });
    // Bearer-authenticated: private, and revalidated on every use.
    const headers = { ETag: etag, 'Cache-Control': 'private, no-cache' };
    if (etagMatches(c.req.header('If-None-Match'), etag)) return c.body(null, 304, headers);
    return c.body(body(), 200, { ...headers, 'Content-Type': 'application/json' });
  },
);
