import { openBinanceFuturesStream, openBinanceMarketStream } from '../exchanges/binance/ws-futures-stream.ts';
import { openBinanceStream } from '../exchanges/binance/ws-stream.ts';
import { openBingxSpotStream, openBingxStream } from '../exchanges/bingx/ws-stream.ts';
import { openBybitStream } from '../exchanges/bybit/ws-stream.ts';
import { openOkxStream } from '../exchanges/okx/ws-stream.ts';
import { openOrangexStream } from '../exchanges/orangex/ws-stream.ts';
import { openPionexFuturesStream } from '../exchanges/pionex/ws-futures-stream.ts';
import { openPionexStream } from '../exchanges/pionex/ws-stream.ts';
import type { StreamRoutes } from './stream-hub.ts';

/** Each exchange's private stream path (the real one, after the `/<exchange>[-env]` prefix). */
export const STREAM_ROUTES: StreamRoutes = {
  bybit: { '/v5/private': openBybitStream },
  binance: {
    '/ws-api/v3': openBinanceStream,
    '/private/ws/*': openBinanceFuturesStream,
    '/private/ws': openBinanceFuturesStream,
    '/private/stream': openBinanceFuturesStream,
    '/public/stream': openBinanceMarketStream,
    '/market/stream': openBinanceMarketStream,
  },
  okx: { '/ws/v5/private': openOkxStream },
  bingx: { '/swap-market': openBingxStream, '/market': openBingxSpotStream },
  pionex: { '/ws': openPionexStream, '/wsUA': openPionexFuturesStream },
  orangex: { '/ws/api/v1': openOrangexStream },
};
