/** Node entry: `node apps/server/src/node.ts` (npm start). */
import { serve } from '@hono/node-server';
import { buildServer } from './deps.ts';
import { loadEnv } from './env.ts';
import { announceListening, onShutdown } from './lifecycle.ts';
import { nodeServerOptions } from './server-options.ts';

const env = loadEnv();
const cts = await buildServer(env);
const server = serve(
  { fetch: cts.app.fetch, port: env.PORT, hostname: env.HOST, serverOptions: nodeServerOptions() },
  (info) =>
    announceListening(cts.logger, { runtime: 'node', host: env.HOST, port: info.port, ...cts.firstStart }),
);
server.once('error', (err: NodeJS.ErrnoException) => {
  // One clear line instead of a stack trace: a busy port is the usual cause.
  console.error(
    err.code === 'EADDRINUSE'
      ? `Port ${env.PORT} on ${env.HOST} is already in use: stop the other process or set PORT (e.g. PORT=8788 npm start).`
      : `The server could not listen on ${env.HOST}:${env.PORT}: ${err.code ?? err.name}`,
  );
  void cts.close().finally(() => process.exit(1));
});
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
