import { CtsError } from '../../errors/cts-error.ts';

/**
 * The reply part `what` as a plain object; anything else is an `exchange.bad_response` naming the exchange.
 *
 * @example
 * const account = replyRecord(json, 'Binance', 'account'); // throws "Binance: account is not an object"
 */
export function replyRecord(value: unknown, exchange: string, what: string): Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    throw new CtsError('exchange.bad_response', `${exchange}: ${what} is not an object`);
  return value as Record<string, unknown>;
}

/** The reply part `what` as an array; anything else is an `exchange.bad_response` naming the exchange. */
export function replyList(value: unknown, exchange: string, what: string): unknown[] {
  if (!Array.isArray(value))
    throw new CtsError('exchange.bad_response', `${exchange}: ${what} is not a list`);
  return value;
}

/** The error for a reply that is not in the documented shape: "<Exchange> sent a <what> reply in an unexpected shape". */
export function unexpectedShape(exchange: string, what: string): CtsError {
  return new CtsError('exchange.bad_response', `${exchange} sent a ${what} reply in an unexpected shape`);
}
