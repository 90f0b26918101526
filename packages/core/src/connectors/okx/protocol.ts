import type { ExchangeProtocols } from '../shared/exchange-protocols.ts';
import { OKX_ERROR_CODES } from './errors.ts';
import { createOkxRest } from './okx-connector.ts';
import { createOkxStream } from './ws-stream.ts';

/** OKX's protocol half of its descriptor (the data half is exchanges/okx.ts): REST, stream, error codes. */
export const okxProtocols: ExchangeProtocols = {
  rest: createOkxRest,
  stream: createOkxStream,
  errorCodes: OKX_ERROR_CODES,
};
