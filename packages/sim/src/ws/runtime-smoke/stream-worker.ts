// A Cloudflare Worker (bundled by streams.workerd.test.ts) that runs `websocket` connection tests with the
// Workers client: fetch(url, { headers: { Upgrade: 'websocket' } }) → response.webSocket.accept().
// POST body: {"url", "cases": [{name, exchange, credentials}]} → {"runtime": "workerd", "results": [...]}.
import { createFetchUpgradeWebSocketFactory } from '../../../../core/src/ports/websocket.ts';
import { runSmokeCases, type SmokeInput } from './run-cases.ts';

export default {
  async fetch(request: Request): Promise<Response> {
    const input = (await request.json()) as SmokeInput;
    const results = await runSmokeCases(input, { webSocketFactory: createFetchUpgradeWebSocketFactory() });
    return Response.json({ runtime: 'workerd', results });
  },
};
