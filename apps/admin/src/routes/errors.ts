import { toHttpError } from '@cts/api';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

/** What the person sees for an error the coordinator raised: status, message, and a hint when there is one. */
export interface Described {
  status: ContentfulStatusCode;
  message: string;
  hint?: string;
  /** The form field at fault, for validation errors only. */
  field?: string;
}

/**
 * The API's error → status map (`toHttpError` from @cts/api), so the admin and the API answer alike. Anything the
 * map did not expect is a programmer error and is rethrown to the app's error handler.
 */
export function describeError(err: unknown): Described {
  const mapped = toHttpError(err);
  if (!mapped.expected) throw err;
  const described: Described = { status: mapped.status as ContentfulStatusCode, message: mapped.message };
  if (mapped.hint) described.hint = mapped.hint;
  if (mapped.code === 'validation_failed' && mapped.field) described.field = mapped.field;
  return described;
}
