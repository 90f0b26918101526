/** A real HTTP receiver on loopback for alert deliveries: records every request, answers as scripted. */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Received {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  raw: string;
  // biome-ignore lint/suspicious/noExplicitAny: payloads are inspected freely in tests
  json: any;
}

export interface Receiver {
  url: string;
  received: Received[];
  /** Next replies, in order: a status, or 'hang' (never answer). After the script: 200. */
  script: Array<number | 'hang'>;
  /** Resolves once `n` requests have arrived (bounded). */
  waitFor(n: number, timeoutMs?: number): Promise<Received[]>;
  close(): Promise<void>;
}

export async function startReceiver(): Promise<Receiver> {
  const received: Received[] = [];
  const script: Array<number | 'hang'> = [];
  const hanging: ServerResponse[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      let json: unknown = null;
      try {
        json = JSON.parse(raw);
      } catch {}
      received.push({ method: req.method ?? '', path: req.url ?? '', headers: req.headers, raw, json });
      const next = script.shift() ?? 200;
      if (next === 'hang') {
        hanging.push(res);
        return;
      }
      res
        .writeHead(next, { 'content-type': 'application/json' })
        .end(next < 300 ? '{"ok":true}' : '{"ok":false}');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    received,
    script,
    async waitFor(n, timeoutMs = 30_000) {
      const deadline = Date.now() + timeoutMs;
      while (received.length < n) {
        if (Date.now() > deadline) throw new Error(`receiver got ${received.length} of ${n} requests`);
        await new Promise((r) => setTimeout(r, 20));
      }
      return received;
    },
    close() {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      return new Promise((r) => server.close(() => r()));
    },
  };
}
