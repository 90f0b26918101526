/** Errors raised at the HTTP edge itself (auth, request validation); errors/http-status.ts maps them to status. */

/** No token, or a token that is expired, forged or not HS256 (→ 401). */
export class UnauthorizedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnauthorizedError';
  }
}

/** A valid token whose role may not do this (→ 403). */
export class ForbiddenError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ForbiddenError';
  }
}

/** A request that fails its schema (→ 400), naming the field and the rule. */
export class RequestValidationError extends Error {
  readonly field: string;
  readonly rule: string;
  readonly issues: Array<{ field: string; rule: string }>;
  constructor(issues: Array<{ field: string; rule: string }>) {
    const first = issues[0] ?? { field: '(request)', rule: 'invalid' };
    super(`${first.field}: ${first.rule}`);
    this.name = 'RequestValidationError';
    this.field = first.field;
    this.rule = first.rule;
    this.issues = issues;
  }
}

/** A request body whose Content-Type is not JSON (→ 415). */
export class UnsupportedMediaTypeError extends Error {
  constructor(contentType: string) {
    super(`Content-Type ${contentType.slice(0, 100)} is not supported: send application/json`);
    this.name = 'UnsupportedMediaTypeError';
  }
}
