import type { ExchangeProtocols } from '../shared/exchange-protocols.ts';
import { ORANGEX_ERROR_CODES } from './errors.ts';
import { createOrangexRest } from './orangex-connector.ts';
import { createOrangexStream } from './ws-stream.ts';

/** OrangeX's protocol half of its descriptor (the data half is exchanges/orangex.ts): REST, stream, error codes. */
export const orangexProtocols: ExchangeProtocols = {
  rest: createOrangexRest,
  stream: createOrangexStream,
  errorCodes: ORANGEX_ERROR_CODES,
};
