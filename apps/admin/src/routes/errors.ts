import {
  ConflictError,
  CtsError,
  InvalidTransitionError,
  NotFoundError,
  ValidationError,
  VersionConflictError,
} from '@cts/core';

/** What the person sees for an error the coordinator raised: status, message, and a hint when there is one. */
export interface Described {
  status: 404 | 409 | 422 | 502;
  message: string;
  hint?: string;
  field?: string;
}

/** Maps the coordinator's domain errors; anything else is a programmer error and is rethrown. */
export function describeError(err: unknown): Described {
  if (err instanceof NotFoundError) return { status: 404, message: err.message };
  if (err instanceof ValidationError) return { status: 422, message: err.message, field: err.field };
  if (err instanceof InvalidTransitionError) return { status: 409, message: err.message };
  if (err instanceof VersionConflictError) return { status: 409, message: err.message };
  if (err instanceof ConflictError) return { status: 409, message: err.message };
  if (err instanceof CtsError) return { status: 502, message: err.message, hint: err.hint };
  throw err;
}
