import type { CircuitState } from '../breaker/circuit-breaker.ts';
import type { ConnectionRecord } from '../connections/connection.ts';
import type { ConnectionEvent, ConnectionState } from '../connections/state-machine.ts';
import { type ErrorCode, isAuthCode } from '../errors/codes.ts';

/** What an operation on a connection came to, as the state machine needs it. */
export interface Outcome {
  success: boolean;
  code?: string;
  /** This failure opened (or re-opened) the circuit breaker. */
  breakerOpened: boolean;
  /** The operation was the breaker's half-open probe. */
  probe: boolean;
}

/**
 * A failure whose outcome is unknown rather than a failure of the key: Binance -1007 ("send status unknown;
 * execution status unknown", reference 2026 §4). It does not count toward the breaker or uptime.
 */
export function isOutcomeUnknown(
  exchange: string,
  error: { exchangeCode?: string | number } | null,
): boolean {
  return exchange === 'binance' && error !== null && Number(error.exchangeCode) === -1007;
}

export function isAuthFailure(code: string | undefined): boolean {
  return code?.startsWith('auth.') === true && isAuthCode(code as ErrorCode);
}

/**
 * The state-machine event an outcome raises in `state`, or null for none:
 * - success: a connection under test or in error becomes active; a breaker-paused one is restored by its probe
 *   (an operator's pause is left alone);
 * - rejected credentials: error at once, no retries;
 * - the breaker opening: an active connection is paused (testing/error ones end in error);
 * - another failure: a connection under test goes to error; others stay until the breaker opens.
 * A disabled connection never moves on an outcome.
 */
export function outcomeEvent(state: ConnectionState, o: Outcome): ConnectionEvent | null {
  if (state === 'disabled') return null;
  if (o.success) {
    if (state === 'testing' || state === 'error') return 'test_passed';
    if (state === 'paused' && o.probe) return 'test_passed';
    return null;
  }
  if (isAuthFailure(o.code)) return 'auth_failed';
  if (o.breakerOpened) return 'breaker_opened';
  if (state === 'testing') return 'test_failed';
  return null;
}

/**
 * Whether a periodic round checks this connection: active ones; ones in error for a reason other than their
 * credentials (they may recover on their own); breaker-paused ones whose probe is due. Not disabled ones, not an
 * operator's pause, not rejected credentials (those wait for the operator).
 */
export function needsHealthCheck(r: ConnectionRecord, breaker: CircuitState): boolean {
  if (r.state === 'active') return true;
  if (r.state === 'error') return r.last_error !== null && !isAuthFailure(r.last_error.code);
  return r.state === 'paused' && breaker === 'half_open';
}
