/** Deno entry: `deno run -A apps/server/src/deno.ts` (npm run start:deno). */
import { buildServer } from './deps.ts';
import { loadEnv } from './env.ts';
import { announceListening, onShutdown } from './lifecycle.ts';

declare const Deno: {
  serve(
    options: { port: number; hostname: string; onListen?: (addr: { port: number }) => void },
    handler: (request: Request) => Response | Promise<Response>,
  ): { shutdown(): Promise<void>; finished: Promise<void> };
  addSignalListener(signal: 'SIGTERM' | 'SIGINT', handler: () => void): void;
  exit(code: number): never;
};

const env = loadEnv();
const cts = await buildServer(env);
const server = Deno.serve(
  {
    port: env.PORT,
    hostname: env.HOST,
    onListen: ({ port }) =>
      announceListening(cts.logger, { runtime: 'deno', host: env.HOST, port, ...cts.firstStart }),
  },
  cts.app.fetch,
);
onShutdown(
  (signal, handler) => Deno.addSignalListener(signal, handler),
  async () => {
    await cts.close();
    await server.shutdown();
  },
  (code) => Deno.exit(code),
  cts.logger,
);
