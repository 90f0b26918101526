import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { createSimulator } from './app.ts';
import { RESET_HEADER, type SimBindings } from './exchanges/http.ts';
import type { Simulator, SimulatorOptions } from './simulator.ts';
import { attachStreamUpgrades } from './ws/node-upgrade.ts';

export interface SimulatorServerOptions extends SimulatorOptions {
  /** 0 = an ephemeral port. @default 0 */
  port?: number;
  /** Always loopback. @default '127.0.0.1' */
  hostname?: '127.0.0.1';
}

export interface SimulatorServer {
  /** `http://127.0.0.1:<port>` */
  url: string;
  port: number;
  simulator: Simulator;
  close(): Promise<void>;
}

/**
 * Serves a simulator over real HTTP on loopback, private WebSocket streams included
 * (`ws://127.0.0.1:<port>/<exchange>[-env]/<real path>`). A reset fault destroys the socket.
 *
 * @example
 * const server = await startSimulatorServer({ port: 0 });
 * // … fetch(`${server.url}/bybit/v5/market/time`) …
 * await server.close();
 */
export function startSimulatorServer(options: SimulatorServerOptions = {}): Promise<SimulatorServer> {
  const simulator = createSimulator(options);
  const port = options.port ?? 0;
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new TypeError('port: expected 0..65535');
  return new Promise((resolve, reject) => {
    const server = serve(
      {
        fetch: async (request: Request, env: SimBindings) => {
          const response = await simulator.app.fetch(request, env);
          if (response.headers.has(RESET_HEADER)) env.incoming?.socket?.destroy?.();
          return response;
        },
        hostname: '127.0.0.1',
        port,
      },
      (info: AddressInfo) => {
        const closeStreams = attachStreamUpgrades(server as unknown as Server, simulator.streams);
        const url = `http://127.0.0.1:${info.port}`;
        resolve({
          url,
          port: info.port,
          simulator,
          close: () =>
            new Promise<void>((done) => {
              const s = server as unknown as {
                closeAllConnections?: () => void;
                close: (cb: () => void) => void;
              };
              closeStreams();
              s.closeAllConnections?.();
              s.close(() => done());
            }),
        });
      },
    );
    server.once('error', reject);
  });
}
