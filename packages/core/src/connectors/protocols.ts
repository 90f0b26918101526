import { DESCRIPTORS, type ExchangeId } from '../exchanges/catalog.ts';
import type { ExchangeDescriptor } from '../exchanges/descriptor.ts';
import { binanceProtocols } from './binance/protocol.ts';
import { bingxProtocols } from './bingx/protocol.ts';
import { bybitProtocols } from './bybit/protocol.ts';
import { okxProtocols } from './okx/protocol.ts';
import { orangexProtocols } from './orangex/protocol.ts';
import { pionexProtocols } from './pionex/protocol.ts';
import type { ExchangeProtocols } from './shared/exchange-protocols.ts';

/** Every exchange's protocols (a full Record: the type checker wants one per exchange). */
export const PROTOCOLS: Record<ExchangeId, ExchangeProtocols> = {
  binance: binanceProtocols,
  bingx: bingxProtocols,
  bybit: bybitProtocols,
  okx: okxProtocols,
  orangex: orangexProtocols,
  pionex: pionexProtocols,
};

/** An exchange's whole descriptor, in the spirit of ccxt's `describe()`: its data and its protocols. */
export type ExchangeDescription = ExchangeDescriptor & ExchangeProtocols;

/**
 * Everything CTS knows about an exchange: hosts per environment and region, key types, API types, limits
 * (exchanges/<id>.ts), and its REST protocol, stream protocol and error codes (connectors/<id>/protocol.ts).
 *
 * @example
 * const okx = describeExchange('okx');
 * okx.environments.mainnet?.eea?.rest.default; // 'https://eea.okx.com'
 */
export function describeExchange(exchange: ExchangeId): ExchangeDescription {
  return { ...DESCRIPTORS[exchange], ...PROTOCOLS[exchange] };
}
