import type { ExchangeProtocols } from '../shared/exchange-protocols.ts';
import { createBingxRest } from './bingx-connector.ts';
import { BINGX_ERROR_CODES } from './errors.ts';
import { createBingxStream } from './ws-stream.ts';

/** BingX's protocol half of its descriptor (the data half is exchanges/bingx.ts): REST, stream, error codes. */
export const bingxProtocols: ExchangeProtocols = {
  rest: createBingxRest,
  stream: createBingxStream,
  errorCodes: BINGX_ERROR_CODES,
};
