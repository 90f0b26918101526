import { globalWebSocketFactory } from '../../ports/websocket.ts';
import { createBinanceFuturesStream } from '../binance/ws-futures-stream.ts';
import { createBinanceMarginStream } from '../binance/ws-margin-stream.ts';
import { PROTOCOLS } from '../protocols.ts';
import type { Connector, ConnectorOptions } from '../types.ts';
import { accountScope, httpContext, resolveOptions } from './options.ts';
import { StreamMonitor, type StreamMonitorOptions } from './ws-monitor.ts';
import type { StreamContext, StreamProtocol } from './ws-protocol.ts';
import type { StreamDeps } from './ws-session.ts';
import { runStreamConnectionTest } from './ws-test-runner.ts';

/**
 * Which of an exchange's private streams: its default one (picked by apiType where the exchange has several:
 * BingX `spot` → the spot stream, Pionex `perpetual_futures` → `/wsUA`), Binance's USDⓈ-M listenKey stream,
 * or Binance's cross-margin listenToken stream.
 */
export type StreamKind = 'default' | 'binance-usdm' | 'binance-margin';

/**
 * The private-stream protocol of an exchange account. `offsetMs` reads the clock offset to sign with
 * (a connector's `clockOffsetMs` after its clock sync). For Binance the default is the spot WebSocket API
 * stream; `kind: 'binance-usdm'` picks the USDⓈ-M listenKey stream, `kind: 'binance-margin'` the margin
 * listenToken stream.
 */
export function createStreamProtocol(
  options: ConnectorOptions,
  offsetMs: () => number = () => 0,
  kind: StreamKind = 'default',
): StreamProtocol {
  const o = resolveOptions(options);
  const ctx: StreamContext = {
    options: o,
    http: httpContext(o, accountScope(options)),
    now: () => o.clock.now() + offsetMs(),
  };
  if (kind !== 'default' && o.exchange !== 'binance')
    throw new TypeError(`kind: ${kind} needs exchange "binance", got ${o.exchange}`);
  if (kind === 'binance-usdm') return createBinanceFuturesStream(ctx);
  if (kind === 'binance-margin') return createBinanceMarginStream(ctx);
  return PROTOCOLS[o.exchange].stream(ctx);
}

function streamDeps(options: ConnectorOptions): StreamDeps {
  const o = resolveOptions(options);
  return {
    webSocketFactory: options.webSocketFactory ?? globalWebSocketFactory,
    clock: o.clock,
    timeoutMs: o.timeoutMs,
  };
}

/**
 * Gives a connector the `websocket` connection test: REST clock sync, then the private stream (open,
 * authenticate, subscribe, heartbeat, clean close). Other methods delegate to the REST connector.
 */
export function withStreamTest(
  connector: Connector,
  options: ConnectorOptions,
  kind: StreamKind = 'default',
): Connector {
  const protocol = createStreamProtocol(options, () => connector.clockOffsetMs, kind);
  const deps = streamDeps(options);
  return {
    exchange: connector.exchange,
    apiType: connector.apiType,
    environment: connector.environment,
    get clockOffsetMs() {
      return connector.clockOffsetMs;
    },
    getServerTime: (call) => connector.getServerTime(call),
    syncClock: (samples, call) => connector.syncClock(samples, call),
    getBalance: (call) => connector.getBalance(call),
    getPermissions: (call) => connector.getPermissions(call),
    testConnection: (options) => runStreamConnectionTest(connector, protocol, deps, options),
  };
}

/**
 * A long-lived private stream for health checks (reconnects with backoff, re-authenticates, keeps
 * listenKeys alive). Start it with `start()`, end it with `stop()`.
 *
 * @example
 * const monitor = createStreamMonitor({ exchange: 'bybit', apiType: 'websocket', credentials }, { onEvent });
 * monitor.start();
 */
export function createStreamMonitor(
  options: ConnectorOptions,
  extra: Omit<StreamMonitorOptions, keyof StreamDeps | 'protocol'> & {
    offsetMs?: () => number;
    kind?: StreamKind;
  } = {},
): StreamMonitor {
  return new StreamMonitor({
    ...streamDeps(options),
    ...extra,
    protocol: createStreamProtocol(options, extra.offsetMs, extra.kind),
  });
}
