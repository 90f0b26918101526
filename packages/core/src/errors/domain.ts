/** Errors of the connection domain that the API edge maps to HTTP status (see packages/api). */

/** An unknown id (→ 404). */
export class NotFoundError extends Error {
  readonly resource: string;
  readonly id: string;
  constructor(resource: string, id: string) {
    super(`${resource} ${id} does not exist`);
    this.name = 'NotFoundError';
    this.resource = resource;
    this.id = id;
  }
}

/** Input that breaks a rule (→ 400), naming the field and the rule. */
export class ValidationError extends Error {
  readonly field: string;
  readonly rule: string;
  constructor(field: string, rule: string) {
    super(`${field}: ${rule}`);
    this.name = 'ValidationError';
    this.field = field;
    this.rule = rule;
  }
}

/** A request that conflicts with the current state (→ 409), other than transitions and versions. */
export class ConflictError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConflictError';
  }
}

/** Too much work already waiting (→ 429 with Retry-After): the batch queue is at its cap. */
export class QueueFullError extends Error {
  /** When trying again makes sense, ms. */
  readonly retryAfterMs: number;
  constructor(message: string, retryAfterMs: number) {
    super(message);
    this.name = 'QueueFullError';
    this.retryAfterMs = retryAfterMs;
  }
}
