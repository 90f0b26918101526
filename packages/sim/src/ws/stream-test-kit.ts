// Test helpers for the stream suites (imported by *.test.ts only).
import type { ExchangeId } from '@cts/core/exchanges';
import type { WebSocketFactory, WebSocketLike } from '@cts/core/ports';
import type { CreatedAccount } from '../accounts/account-store.ts';

/** Connector options for a simulator account over the real server. */
export function streamOptions(exchange: ExchangeId, account: CreatedAccount, baseUrl: string) {
  return {
    exchange,
    apiType: 'websocket' as const,
    environment: account.environment,
    credentials: {
      apiKey: account.apiKey,
      apiSecret: account.apiSecret,
      passphrase: account.passphrase,
      keyType: account.keyType,
    },
    baseUrl,
    timeoutMs: 5000,
  };
}

/**
 * Waits for socket I/O (not for time: the clocks are ManualClocks) until `done` holds; fails after
 * `limitMs` of real time so a broken test cannot hang.
 */
export async function until(done: () => boolean, what: string, limitMs = 5000): Promise<void> {
  const started = Date.now();
  while (!done()) {
    if (Date.now() - started > limitMs) throw new Error(`gave up waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/**
 * A global-WebSocket factory that loses the client's frames matching `drop` while `dropping.on` is set:
 * a network that eats heartbeats.
 */
export function lossyFactory(drop: (text: string) => boolean) {
  const dropping = { on: false };
  /** Text frames the client sent, lost, and received (binary frames as `<binary>`). */
  const sent: string[] = [];
  const dropped: string[] = [];
  const received: string[] = [];
  const factory: WebSocketFactory = (url) => {
    const socket = new WebSocket(url);
    socket.addEventListener('message', (e) =>
      received.push(typeof e.data === 'string' ? e.data : '<binary>'),
    );
    const send = socket.send.bind(socket);
    socket.send = (data) => {
      if (dropping.on && typeof data === 'string' && drop(data)) dropped.push(data);
      else {
        if (typeof data === 'string') sent.push(data);
        send(data);
      }
    };
    return socket as unknown as WebSocketLike;
  };
  return { factory, dropping, sent, dropped, received };
}
