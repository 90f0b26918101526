import type { ExchangeProtocols } from '../shared/exchange-protocols.ts';
import { createBinanceRest } from './binance-connector.ts';
import { BINANCE_ERROR_CODES } from './errors.ts';
import { createBinanceStream } from './ws-stream.ts';

/** Binance's protocol half of its descriptor (the data half is exchanges/binance.ts): REST, stream, error codes. */
export const binanceProtocols: ExchangeProtocols = {
  rest: createBinanceRest,
  stream: createBinanceStream,
  errorCodes: BINANCE_ERROR_CODES,
};
