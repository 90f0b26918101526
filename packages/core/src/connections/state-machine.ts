/**
 * The seed's connection state machine:
 *
 *   [Disabled] --enable--> [Testing] --pass--> [Active]
 *                              └──fail──> [Error]
 *   [Active] <--> [Paused] <--> [Error]         any state --disable--> [Disabled]; any state may be deleted.
 *
 * Events are what happens to a connection; `transition` says where it goes or throws an InvalidTransitionError.
 */

export const CONNECTION_STATES = ['disabled', 'testing', 'active', 'paused', 'error'] as const;
export type ConnectionState = (typeof CONNECTION_STATES)[number];

export const CONNECTION_EVENTS = [
  'enable', // operator turns a disabled connection on: it is tested
  'disable', // operator turns it off
  'pause', // operator pauses it
  'resume', // operator resumes a paused connection
  'retest', // operator re-tests a connection in error
  'test_passed', // a test or health check succeeded
  'test_failed', // a test failed for a reason that is not the credentials (network, limits, exchange)
  'auth_failed', // the exchange rejected the credentials
  'breaker_opened', // the circuit breaker tripped after consecutive failures
] as const;
export type ConnectionEvent = (typeof CONNECTION_EVENTS)[number];

const TABLE: Record<ConnectionState, Partial<Record<ConnectionEvent, ConnectionState>>> = {
  disabled: { enable: 'testing' },
  testing: {
    test_passed: 'active',
    test_failed: 'error',
    auth_failed: 'error',
    breaker_opened: 'error',
    disable: 'disabled',
  },
  active: {
    pause: 'paused',
    breaker_opened: 'paused',
    auth_failed: 'error',
    test_passed: 'active',
    test_failed: 'active',
    disable: 'disabled',
  },
  paused: {
    resume: 'active',
    test_passed: 'active',
    test_failed: 'paused',
    breaker_opened: 'paused',
    auth_failed: 'error',
    disable: 'disabled',
  },
  error: {
    retest: 'testing',
    enable: 'testing',
    pause: 'paused',
    test_passed: 'active',
    test_failed: 'error',
    auth_failed: 'error',
    breaker_opened: 'error',
    disable: 'disabled',
  },
};

/** The events a person triggers through the API's actions. */
const USER_ACTIONS: readonly ConnectionEvent[] = ['enable', 'disable', 'pause', 'resume'];

export class InvalidTransitionError extends Error {
  readonly from: ConnectionState;
  readonly event: ConnectionEvent;
  constructor(from: ConnectionState, event: ConnectionEvent) {
    // Only what a person can ask for is listed (the API's actions), never the internal events (test_passed, …).
    const actions = allowedEvents(from).filter((e) => USER_ACTIONS.includes(e));
    super(
      `Cannot ${event.replace('_', ' ')} a connection that is ${from}; ${actions.length ? `you can ${actions.join(', ')} it` : 'wait for its test to finish'}`,
    );
    this.name = 'InvalidTransitionError';
    this.from = from;
    this.event = event;
  }
}

/** The state `event` leads to from `from`, or throws InvalidTransitionError. */
export function transition(from: ConnectionState, event: ConnectionEvent): ConnectionState {
  const to = TABLE[from][event];
  if (to === undefined) throw new InvalidTransitionError(from, event);
  return to;
}

/** Whether `event` is allowed in `from`. */
export function canTransition(from: ConnectionState, event: ConnectionEvent): boolean {
  return TABLE[from][event] !== undefined;
}

/** The events allowed in a state. */
export function allowedEvents(from: ConnectionState): ConnectionEvent[] {
  return Object.keys(TABLE[from]) as ConnectionEvent[];
}
