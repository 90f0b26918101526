import { CtsError } from '../../errors/cts-error.ts';
import { EXCHANGE_NAMES, environmentsOf, hasRegions, regionsOf } from '../../exchanges/catalog.ts';
import type { Environment, ExchangeId, Region } from '../../exchanges/ids.ts';

/** Codes that can mean "this key belongs to another environment or region" (Binance -2015 is auth.failed). */
const PLACEMENT_CODES = new Set(['auth.invalid_key', 'auth.wrong_environment', 'auth.failed']);

const KEY_NAMES: Record<Environment, string> = {
  mainnet: 'a mainnet key',
  testnet: 'a testnet key',
  demo: 'a demo-trading key',
};

/**
 * What to set when a key is refused because it belongs elsewhere, from the descriptor: the connection's other
 * environments and, where the exchange has several, its other regions. A refusal that says so outright
 * (`auth.wrong_environment`) reads "this looks like a demo key: set environment demo".
 */
export function placementHint(
  exchange: ExchangeId,
  environment: Environment,
  region: Region,
  wrongEnvironment: boolean,
): string {
  const others = environmentsOf(exchange).filter((e) => e !== environment);
  const parts: string[] = [];
  if (wrongEnvironment && others.length === 1)
    parts.push(`This looks like ${KEY_NAMES[others[0]!]}: set environment ${others[0]}.`);
  else if (others.length > 0)
    parts.push(
      `If this is ${others.map((e) => `${KEY_NAMES[e]}, set environment ${e}`).join('; if it is ')}.`,
    );
  if (hasRegions(exchange)) {
    const regions = regionsOf(exchange, environment).filter((r) => r !== region);
    if (regions.length > 0)
      parts.push(
        `A key of another ${EXCHANGE_NAMES[exchange]} entity fails here too: set region (${regions.join(', ')}).`,
      );
  }
  return parts.join(' ');
}

/** The error with the placement hint appended, when its code can mean a key of another environment or region. */
export function withPlacementHint(
  err: unknown,
  exchange: ExchangeId,
  environment: Environment,
  region: Region,
): unknown {
  if (!(err instanceof CtsError) || !PLACEMENT_CODES.has(err.code)) return err;
  if (err.code === 'auth.failed' && err.exchangeCode !== -2015) return err;
  const extra = placementHint(exchange, environment, region, err.code === 'auth.wrong_environment');
  if (!extra) return err;
  return new CtsError(err.code, err.message, {
    retryable: err.retryable,
    hint: `${err.hint} ${extra}`,
    exchangeCode: err.exchangeCode,
    status: err.status,
    retryAfterMs: err.retryAfterMs,
    context: err.context,
    cause: err.cause,
  });
}
