import type { Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { type RawData, WebSocketServer } from 'ws';
import type { StreamHub } from './stream-hub.ts';
import type { SimSocket } from './stream-types.ts';

function text(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return Buffer.from(data as ArrayBuffer).toString('utf8');
}

function refuse(socket: Duplex, status: number, reason: string): void {
  socket.write(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
  socket.destroy();
}

/**
 * Accepts WebSocket upgrades on a Node HTTP server (the `ws` package) and hands each socket to the hub's
 * session for its URL; unknown paths get 404. Returns a function that closes every stream.
 */
export function attachStreamUpgrades(server: Server, hub: StreamHub): () => void {
  const wss = new WebSocketServer({ noServer: true });
  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const remote = req.socket.remoteAddress ?? '127.0.0.1';
    const ip = remote.startsWith('::ffff:') ? remote.slice(7) : remote;
    const found = hub.route(url, ip);
    if (!found) return refuse(socket, 404, 'Not Found');
    if ('refuse' in found) return refuse(socket, found.refuse, 'Refused');
    wss.handleUpgrade(req, socket, head, (ws) => {
      const sim: SimSocket = {
        send: (data) => {
          if (ws.readyState === ws.OPEN) ws.send(data);
        },
        ping: () => {
          if (ws.readyState === ws.OPEN) ws.ping();
        },
        close: (code, reason) => ws.close(code, reason),
      };
      const untrack = hub.track(sim);
      const session = found.opener(sim, found.request);
      sim.onShutdown = () => session.shutdown?.();
      let queue = Promise.resolve();
      ws.on('message', (data) => {
        queue = queue.then(() => session.message(text(data))).catch(() => ws.close(1011, 'server error'));
      });
      ws.on('pong', () => session.pong());
      ws.on('error', () => ws.terminate());
      ws.on('close', () => {
        untrack();
        session.closed();
      });
    });
  });
  return () => {
    for (const client of wss.clients) client.terminate();
    wss.close();
  };
}
