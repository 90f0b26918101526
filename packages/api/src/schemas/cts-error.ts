import { z } from 'zod';

/**
 * CtsError's one serialised shape (core's CtsErrorJson): a connection's last_error, a test result's and a batch
 * task's error. Errors stored before `retryable` was written may lack it, and rows written before `hint` was kept on
 * task errors may lack that.
 */
export const ctsErrorSchema = z
  .object({
    code: z.string().describe('Our error code, e.g. auth.invalid_key, rate_limited, timeout, internal'),
    message: z.string(),
    hint: z.string().describe('What to do about it'),
    retryable: z.boolean().optional().describe('Whether the same call can succeed later'),
    exchangeCode: z.union([z.string(), z.number()]).optional().describe("The exchange's own error code"),
    status: z.number().int().optional().describe("HTTP status of the exchange's reply"),
    retryAfterMs: z.number().optional().describe('How long the exchange asked us to wait, ms'),
    bannedUntil: z.number().optional().describe('Epoch ms until which the exchange banned the IP or account'),
  })
  .describe('An error: our code, message and hint, and what the exchange said');
