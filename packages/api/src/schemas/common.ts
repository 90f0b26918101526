import { z } from 'zod';

/** Connection and batch ids: UUIDs or other opaque, URL-safe strings. */
export const idSchema = z
  .string()
  .min(1, 'must not be empty')
  .max(100, 'at most 100 characters')
  .regex(/^[\w-]+$/, 'letters, digits, _ and - only')
  .describe('Opaque id');

export const idParamSchema = z.object({ id: idSchema });

/** `true` / `false` in a query string. */
export const queryBooleanSchema = z
  .enum(['true', 'false'], { error: 'expected true or false' })
  .transform((v) => v === 'true');

export const errorBodySchema = z
  .object({
    success: z.literal(false),
    error: z.object({
      code: z.string().describe('Machine-readable code: validation_failed, not_found, invalid_transition, …'),
      message: z.string(),
      field: z.string().optional().describe('The request field at fault'),
      rule: z.string().optional().describe('The rule the field broke'),
      hint: z.string().optional().describe('What to do about it'),
      issues: z
        .array(z.object({ field: z.string(), rule: z.string() }))
        .optional()
        .describe('Every validation issue (400), the first of which is field and rule'),
      retryable: z
        .boolean()
        .describe('Whether the same request may succeed later (rate limits, timeouts, exchange outages)'),
      requestId: z.string().describe('Also in the X-Request-Id header'),
    }),
  })
  .describe('Every error reply');
