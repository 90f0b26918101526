/** Real HTTP on loopback: an exchange host answering 307 to another host never gets the key re-sent there. */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXCHANGES } from '../../exchanges/catalog.ts';
import { createConnector } from '../create-connector.ts';

const API_KEY = 'REDIRECTKEY0123456789';
const PASSPHRASE = 'REDIRECTPASS';

function listen(handler: (req: IncomingMessage, res: import('node:http').ServerResponse) => void) {
  const server = createServer(handler);
  return new Promise<{ server: Server; url: string }>((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` }),
    ),
  );
}

let target: { server: Server; url: string };
let redirecting: { server: Server; url: string };
const received: string[] = [];

beforeAll(async () => {
  target = await listen((req, res) => {
    received.push(`${req.method} ${req.url} ${JSON.stringify(req.headers)}`);
    res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
  });
  redirecting = await listen((req, res) => {
    res.writeHead(307, { location: `${target.url}${req.url}` }).end();
  });
});
afterAll(() => {
  target.server.close();
  redirecting.server.close();
});

describe('send: redirects', () => {
  for (const exchange of EXCHANGES)
    it(`${exchange}: a 307 is an exchange.redirect error naming the host only, and nothing reaches it`, async () => {
      const connector = createConnector({
        exchange,
        apiType: 'spot',
        credentials: { apiKey: API_KEY, apiSecret: 'secret', passphrase: PASSPHRASE },
        baseUrl: redirecting.url,
        maxRetries: 0,
        timeoutMs: 5000,
      });
      const result = await connector.testConnection();
      expect(result.success).toBe(false);
      expect(result.error?.code).toBe('exchange.redirect');
      expect(result.error?.hint).toContain(new URL(target.url).host);
      expect(result.error?.hint).not.toContain('/');
      expect(received).toEqual([]);
    });
});
