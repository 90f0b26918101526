import { API_TYPES, EXCHANGES } from '@cts/core';
import { z } from 'zod';
import { idSchema, queryBooleanSchema } from './common.ts';
import { cursorSchema, pageLimitSchema } from './cursor.ts';

const exchange = z
  .enum(EXCHANGES, { error: `expected one of ${EXCHANGES.join(', ')}` })
  .describe('Filter by exchange');
const apiType = z
  .enum(API_TYPES, { error: `expected one of ${API_TYPES.join(', ')}` })
  .describe('Filter by API type');

/** GET /api/settings/connections query: the seed's four filters, and keyset pages (`limit`, `cursor`). */
export const listConnectionsQuerySchema = z.object({
  exchange: exchange.optional(),
  apiType: apiType.optional(),
  api_type: apiType
    .optional()
    .describe("The same filter in the request bodies' spelling (apiType wins if both)"),
  enabled: queryBooleanSchema.optional().describe('true or false'),
  active: queryBooleanSchema.optional().describe('true or false'),
  limit: pageLimitSchema.optional(),
  cursor: cursorSchema.optional(),
});

/** GET /api/settings/connections/health query. */
export const healthQuerySchema = z.object({
  id: idSchema.optional().describe('One connection'),
  exchange: exchange.optional(),
  apiType: apiType.optional(),
  api_type: apiType
    .optional()
    .describe("The same filter in the request bodies' spelling (apiType wins if both)"),
});
