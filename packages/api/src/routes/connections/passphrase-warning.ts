import { type ExchangeId, PASSPHRASE_EXCHANGES } from '@cts/core';

/**
 * The seed's own example sends `api_passphrase` for Bybit. An exchange whose keys have no passphrase ignores it:
 * the body without it, and the warning the reply carries (`warnings: [...]`).
 */
export function withoutUnusedPassphrase<B extends { api_passphrase?: string }>(
  exchange: ExchangeId,
  body: B,
): { body: B; warnings: string[] } {
  if (body.api_passphrase === undefined || PASSPHRASE_EXCHANGES.includes(exchange))
    return { body, warnings: [] };
  const { api_passphrase: _ignored, ...rest } = body;
  return {
    body: rest as B,
    warnings: [`api_passphrase: ${exchange} keys have no passphrase (only OKX keys do); it was ignored`],
  };
}
