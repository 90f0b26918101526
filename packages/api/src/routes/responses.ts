import { z } from 'zod';
import type { ResponseSpec } from '../route.ts';
import { errorBodySchema } from '../schemas/common.ts';

const DESCRIPTIONS: Record<number, string> = {
  400: 'Invalid input: the body names the field and the rule',
  401: 'Missing, expired or invalid token',
  403: 'The token is valid but its role may not do this',
  404: 'No such connection or batch',
  409: 'Invalid state transition or stale version',
  413: 'Body too large',
  415: 'Body is not JSON',
  429: 'Too many batch tasks already queued: retry after the Retry-After header',
  500: 'Unexpected failure (the body carries a request id, nothing else)',
};

/** Standard error responses for an operation, all with the error body. */
export function errorResponses(...statuses: number[]): Record<number, ResponseSpec> {
  const out: Record<number, ResponseSpec> = {};
  for (const status of [...statuses, 500])
    out[status] = { description: DESCRIPTIONS[status] ?? 'Error', schema: errorBodySchema };
  return out;
}

export const READ_ERRORS = [400, 401] as const;
export const WRITE_ERRORS = [400, 401, 403, 413, 415] as const;

/** The 200 reply of a delete: `{ success: true, id, deleted: true }`. */
export const DELETED_RESPONSE: ResponseSpec = {
  description: 'Deleted',
  schema: z.object({ success: z.literal(true), id: z.string(), deleted: z.literal(true) }),
};
