/** Bun entry: `bun apps/server/src/bun.ts` (npm run start:bun). */
import { buildServer } from './deps.ts';
import { loadEnv } from './env.ts';
import { announceListening, onShutdown } from './lifecycle.ts';

declare const Bun: {
  serve(options: {
    port: number;
    hostname: string;
    fetch: (request: Request) => Response | Promise<Response>;
    idleTimeout?: number;
  }): { port: number; stop(closeActive?: boolean): Promise<void> };
};

const env = loadEnv();
const cts = await buildServer(env);
// idleTimeout 0: SSE streams stay open (they carry their own keep-alives and end by themselves).
const server = Bun.serve({ port: env.PORT, hostname: env.HOST, fetch: cts.app.fetch, idleTimeout: 0 });
announceListening(cts.logger, { runtime: 'bun', host: env.HOST, port: server.port, ...cts.firstStart });
onShutdown(
  (signal, handler) => process.once(signal, handler),
  async () => {
    const stopped = server.stop();
    await cts.close();
    await Promise.race([stopped, server.stop(true)]);
  },
  (code) => process.exit(code),
  cts.logger,
);
