// A Cloudflare Worker (bundled by streams.workerd.test.ts) that runs `websocket` connection tests with the
// Workers client: fetch(url, { headers: { Upgrade: 'websocket' } }) → response.webSocket.accept().
// POST body: {"url", "cases": [{name, exchange, credentials}]} → {"runtime": "workerd", "results": [...]}.
import { createConnector } from '../../../../core/src/connectors/index.ts';
import type { ExchangeId } from '../../../../core/src/exchanges/catalog.ts';
import { createFetchUpgradeWebSocketFactory } from '../../../../core/src/ports/websocket.ts';

interface Case {
  name: string;
  exchange: ExchangeId;
  credentials: { apiKey: string; apiSecret: string; passphrase?: string };
}

export default {
  async fetch(request: Request): Promise<Response> {
    const input = (await request.json()) as { url: string; cases: Case[] };
    const results = [];
    for (const c of input.cases) {
      const connector = createConnector({
        exchange: c.exchange,
        apiType: 'websocket',
        credentials: c.credentials,
        baseUrl: input.url,
        timeoutMs: 5000,
        webSocketFactory: createFetchUpgradeWebSocketFactory(),
      });
      const r = await connector.testConnection();
      results.push({
        name: c.name,
        success: r.success,
        code: r.error?.code,
        message: r.error?.message,
        closedCleanly: r.log.some((line) => line.includes('Closed cleanly (code 1000)')),
        heartbeat: r.log.find((line) => line.includes('Heartbeat:'))?.replace(/^\[[^\]]+\] /, ''),
      });
    }
    return Response.json({ runtime: 'workerd', results });
  },
};
