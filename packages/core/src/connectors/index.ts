/** Exchange connectors: createConnector, the shared types, and per-exchange factories and pure signers. */
export {
  type BinanceSignInput,
  createBinanceConnector,
  signBinanceRequest,
} from './binance/index.ts';
export {
  type BingxSignInput,
  bingxSignature,
  createBingxConnector,
  signBingxRequest,
} from './bingx/index.ts';
export { type BybitSignInput, createBybitConnector, signBybitRequest } from './bybit/index.ts';
export * from './create-connector.ts';
export { createOkxConnector, type OkxSignInput, signOkxRequest } from './okx/index.ts';
export {
  buildOrangexRpc,
  buildOrangexSignatureAuth,
  createOrangexConnector,
  OrangexTokenSession,
  orangexClientSignature,
} from './orangex/index.ts';
export {
  createPionexConnector,
  type PionexSignInput,
  pionexPrehash,
  signPionexRequest,
} from './pionex/index.ts';
export * from './protocols.ts';
export {
  ClockOffsetCache,
  type ClockOffsetCacheOptions,
  clockOffsetKey,
} from './shared/clock-offset-cache.ts';
export type { ExchangeProtocols } from './shared/exchange-protocols.ts';
export type { HttpSpec } from './shared/http.ts';
export { createRestConnector } from './shared/rest-connector.ts';
export type { ErrorMapping, ErrorTable, RestContext, RestProtocol } from './shared/rest-protocol.ts';
export type { StreamMonitorEvent, StreamMonitorOptions, StreamMonitorState } from './shared/ws-monitor.ts';
export { StreamMonitor } from './shared/ws-monitor.ts';
export type { StreamEvent, StreamPlan, StreamProtocol } from './shared/ws-protocol.ts';
export {
  createStreamMonitor,
  createStreamProtocol,
  type StreamKind,
  withStreamTest,
} from './shared/ws-streams.ts';
export type * from './types.ts';
