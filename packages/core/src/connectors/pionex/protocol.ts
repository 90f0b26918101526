import type { ExchangeProtocols } from '../shared/exchange-protocols.ts';
import { PIONEX_ERROR_CODES } from './errors.ts';
import { createPionexRest } from './pionex-connector.ts';
import { createPionexFuturesStream } from './ws-futures-stream.ts';
import { createPionexStream } from './ws-stream.ts';

/** Pionex's protocol half of its descriptor (the data half is exchanges/pionex.ts): REST, stream (spot /ws, futures /wsUA), error codes. */
export const pionexProtocols: ExchangeProtocols = {
  rest: createPionexRest,
  stream: (ctx) =>
    ctx.options.apiType === 'perpetual_futures' ? createPionexFuturesStream(ctx) : createPionexStream(ctx),
  errorCodes: PIONEX_ERROR_CODES,
};
