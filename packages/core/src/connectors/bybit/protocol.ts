import type { ExchangeProtocols } from '../shared/exchange-protocols.ts';
import { createBybitRest } from './bybit-connector.ts';
import { BYBIT_ERROR_CODES } from './errors.ts';
import { createBybitStream } from './ws-stream.ts';

/** Bybit's protocol half of its descriptor (the data half is exchanges/bybit.ts): REST, stream, error codes. */
export const bybitProtocols: ExchangeProtocols = {
  rest: createBybitRest,
  stream: createBybitStream,
  errorCodes: BYBIT_ERROR_CODES,
};
