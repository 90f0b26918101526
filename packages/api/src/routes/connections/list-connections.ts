import { z } from 'zod';
import { RequestValidationError } from '../../errors/api-errors.ts';
import { defineRoute } from '../../route.ts';
import { connectionRecordSchema } from '../../schemas/connection.ts';
import { encodeCursor } from '../../schemas/cursor.ts';
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
  next_cursor: z
    .string()
    .nullable()
    .describe('With limit: pass it as cursor for the next page; null on the last page and without limit'),
});

export const listConnectionsRoute = defineRoute(
  {
    method: 'get',
    path: '/api/settings/connections',
    operationId: 'listConnections',
    summary: 'List connections, filtered by exchange, API type, enabled and active',
    description:
      "Without limit, every matching connection (the seed's list). With limit (1–1000), one page in creation order " +
      '(created_at, then id) and a next_cursor for the next one (keyset pagination: stable under inserts and ' +
      'deletes, each page one indexed query). The reply carries a weak ETag over the filters and every listed id and version; send it back in ' +
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
    const { api_type, limit, cursor, ...rest } = given;
    if (cursor && limit === undefined)
      throw new RequestValidationError([{ field: 'limit', rule: 'required with cursor' }]);
    const query = { ...rest, apiType: rest.apiType ?? api_type };
    // One more than the page: whether there is a next page, without a count query.
    const page = limit === undefined ? {} : { limit: limit + 1, ...(cursor ? { after: cursor } : {}) };
    let connections = await deps.coordinator.listConnections({ ...query, ...page });
    let next: string | null = null;
    if (limit !== undefined && connections.length > limit) {
      connections = connections.slice(0, limit);
      next = encodeCursor(connections[limit - 1]!);
    }
    const { etag, body } = listReply(
      connections,
      {
        exchange: query.exchange ?? null,
        apiType: query.apiType ?? null,
        enabled: query.enabled ?? null,
        active: query.active ?? null,
      },
      next,
    );
    // Bearer-authenticated: private, and revalidated on every use.
    const headers = { ETag: etag, 'Cache-Control': 'private, no-cache' };
    if (etagMatches(c.req.header('If-None-Match'), etag)) return c.body(null, 304, headers);
    return c.body(body(), 200, { ...headers, 'Content-Type': 'application/json' });
  },
);
