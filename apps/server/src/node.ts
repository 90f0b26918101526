/** Node entry: `node apps/server/src/node.ts` (npm start). */
import { serve } from '@hono/node-server';
import { buildServer } from './deps.ts';
import { loadEnv } from './env.ts';
import { announceListening, onShutdown } from './lifecycle.ts';

const env = loadEnv();
const cts = await buildServer(env);
const server = serve({ fetch: cts.app.fetch, port: env.PORT, hostname: env.HOST }, (info) =>
  announceListening(cts.logger, { runtime: 'node', host: env.HOST, port: info.port, ...cts.firstStart }),
);
onShutdown(
  (signal, handler) => process.once(signal, handler),
  async () => {
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    await cts.close();
    if ('closeAllConnections' in server) server.closeAllConnections();
    await closed;
  },
  (code) => process.exit(code),
  cts.logger,
);
