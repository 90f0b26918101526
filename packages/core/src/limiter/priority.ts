/**
 * The limiter queue's named priorities (higher goes first): an operator's test (the API's
 * `POST /connections/:id/test`, the admin's test button) before batch tasks, batch tasks before the periodic
 * health checks, so a person waiting on a result is never stuck behind a round of background checks.
 */
export const REQUEST_PRIORITY = {
  /** A test, balance or permissions read someone asked for and waits on. */
  operator: 20,
  /** A batch task (a started batch, the test queued when a connection is enabled). */
  batch: 10,
  /** A periodic health check or a breaker's recovery probe. */
  health: 0,
} as const;

export type RequestPriority = keyof typeof REQUEST_PRIORITY;
