/**
 * A malformed-request blast over raw sockets and fetch: broken JSON, wrong content types, hostile paths and
 * headers, oversized bodies (a 256 MiB admin sign-in form among them). Counts replies by status, 5xx and replies
 * that never came, and the process's RSS before and after.
 */
import { connect } from 'node:net';
import { seededRandom } from '@cts/testkit';
import { JsonGen } from './json-gen.ts';

export interface BlastOptions {
  url: string;
  token: string;
  /** Requests to send (the oversized ones included). */
  requests: number;
  /** Declared size of the oversized admin form, bytes. @default 268435456 (256 MiB) */
  oversizedBytes?: number;
  seed?: number;
}

export interface BlastReport {
  requests: number;
  byStatus: Record<string, number>;
  serverErrors: string[];
  /** Requests that got no HTTP reply at all (the socket closed first): only allowed for oversized bodies. */
  noReply: string[];
  rssBeforeMb: number;
  rssPeakMb: number;
  rssAfterMb: number;
  /** Every reply body, for the secret scan. */
  bodies: string[];
}

const PATHS = [
  '/api/settings/connections',
  '/api/settings/connections/%E0%A4%A',
  '/api/settings/connections/..%2f..%2fetc%2fpasswd',
  '/api/settings/connections/%00',
  '/api/settings/connections/batch-test',
  '/api/settings/connections/batches',
  '/api/settings/connections/x/test?stream=1',
  '/api/settings/connections/health?id=%FF',
  '/api/system/status',
  '/admin/login',
  '/admin/connections',
  '/admin/logout',
  '/metrics',
  '/api/openapi.json',
  '//api//settings',
  '/api/settings/connections?exchange[]=a&exchange[]=b',
  `/api/settings/connections?${'a=1&'.repeat(500)}`,
];
const METHODS = ['GET', 'POST', 'PATCH', 'DELETE', 'PUT', 'OPTIONS', 'HEAD'];
const BODIES = [
  '{',
  '{"name":',
  '[]',
  'null',
  '"\\ud800"',
  `${'['.repeat(5000)}${']'.repeat(5000)}`,
  JSON.stringify({ connectionIds: Array.from({ length: 5000 }, (_, i) => `id-${i}`) }),
  'name=x&token=y&_csrf=z',
  '\u0000\u0001\u0002',
  'x'.repeat(70_000),
];

/** One raw HTTP/1.1 exchange: returns the status line's code, or 0 when the socket closed without a reply. */
function raw(
  url: string,
  request: string | Buffer,
  body?: { bytes: number },
): Promise<{ status: number; text: string }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = connect(Number(port), hostname);
    let text = '';
    let closed = false;
    socket.setEncoding('latin1');
    socket.on('data', (d) => {
      text += d;
    });
    socket.on('error', () => {});
    socket.on('close', () => {
      closed = true;
      resolve({ status: Number(/^HTTP\/1\.[01] (\d{3})/.exec(text)?.[1] ?? 0), text });
    });
    socket.write(request);
    if (body) {
      // Stream the declared body until the server closes the socket (an early 413) or all of it is sent.
      const chunk = Buffer.alloc(256 * 1024, 'a');
      let left = body.bytes;
      const pump = () => {
        while (left > 0 && !closed) {
          left -= chunk.length;
          if (!socket.write(chunk)) return void socket.once('drain', pump);
        }
        if (!closed) socket.end();
      };
      pump();
    } else socket.end();
    setTimeout(() => socket.destroy(), 30_000).unref();
  });
}

export async function blast(options: BlastOptions): Promise<BlastReport> {
  const gen = new JsonGen(seededRandom(options.seed ?? 7));
  const mb = () => Math.round(process.memoryUsage().rss / 1048576);
  const report: BlastReport = {
    requests: 0,
    byStatus: {},
    serverErrors: [],
    noReply: [],
    rssBeforeMb: mb(),
    rssPeakMb: mb(),
    rssAfterMb: 0,
    bodies: [],
  };
  const { host } = new URL(options.url);
  const oversized = options.oversizedBytes ?? 256 * 1024 * 1024;
  const record = (label: string, status: number, text: string, mayCloseEarly: boolean) => {
    report.requests++;
    report.rssPeakMb = Math.max(report.rssPeakMb, mb());
    if (status === 0) {
      if (!mayCloseEarly) report.noReply.push(label);
      return;
    }
    report.byStatus[status] = (report.byStatus[status] ?? 0) + 1;
    report.bodies.push(text);
    if (status >= 500) report.serverErrors.push(`${label} → ${status}`);
  };
  for (let i = 0; i < options.requests; i++) {
    const kind = i % 10;
    if (kind === 0) {
      // An oversized body: the admin sign-in form before any session, declared or chunked.
      const path = gen.pick(['/admin/login', '/api/settings/connections', '/admin/connections']);
      const chunked = gen.chance(0.5);
      const head =
        `POST ${path} HTTP/1.1\r\nHost: ${host}\r\nContent-Type: application/x-www-form-urlencoded\r\n` +
        (chunked ? 'Transfer-Encoding: chunked\r\n\r\n' : `Content-Length: ${oversized}\r\n\r\n`);
      if (chunked) {
        const r = await raw(
          options.url,
          `${head}${(64 * 1024).toString(16)}\r\n${'a'.repeat(64 * 1024)}\r\n`,
          {
            bytes: 4 * 1024 * 1024,
          },
        );
        record(`POST ${path} chunked`, r.status, r.text, true);
      } else {
        const r = await raw(options.url, head, { bytes: oversized });
        record(`POST ${path} ${oversized} bytes`, r.status, r.text, true);
      }
      continue;
    }
    if (kind === 1) {
      // Hostile request lines and headers, sent raw.
      const line = gen.pick([
        `GET /api/settings/connections HTTP/1.1\r\nHost: ${host}\r\nAuthorization: Bearer ${'a'.repeat(9000)}\r\n\r\n`,
        `GET /api/settings/connections HTTP/1.1\r\nHost: ${host}\r\nAuthorization: Basic\r\n\r\n`,
        `POST /api/settings/connections HTTP/1.1\r\nHost: ${host}\r\nContent-Length: -1\r\n\r\n`,
        `POST /api/settings/connections HTTP/1.1\r\nHost: ${host}\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n`,
        `GET /\u0000 HTTP/1.1\r\nHost: ${host}\r\n\r\n`,
        `BREW /coffee HTTP/1.1\r\nHost: ${host}\r\n\r\n`,
        `GET /healthz HTTP/1.1\r\nHost: ${host}\r\nX-Injected: a\rb\r\n\r\n`,
      ]);
      const r = await raw(options.url, line);
      // Node's parser answers 400 (or closes) for what is not HTTP: either is fine, a 5xx is not.
      record(line.split('\r\n')[0]!.slice(0, 60), r.status, r.text, true);
      continue;
    }
    const method = gen.pick(METHODS);
    const path = gen.pick(PATHS);
    const headers: Record<string, string> = {};
    if (gen.chance(0.7))
      headers['Authorization'] =
        `Bearer ${gen.chance(0.8) ? options.token : gen.nastyString().replace(/[^\x21-\x7e]/g, 'x')}`;
    if (gen.chance(0.8))
      headers['Content-Type'] = gen.pick([
        'application/json',
        'text/plain',
        'application/x-www-form-urlencoded',
        'application/json; charset=utf-16',
        'multipart/form-data; boundary=x',
      ]);
    const body = method === 'GET' || method === 'HEAD' ? undefined : gen.pick(BODIES);
    try {
      const res = await fetch(`${options.url}${path}`, {
        method,
        headers,
        body,
        signal: AbortSignal.timeout(20_000),
      });
      record(`${method} ${path.slice(0, 60)}`, res.status, await res.text(), false);
    } catch (err) {
      record(`${method} ${path.slice(0, 60)} (${(err as Error).name})`, 0, '', false);
    }
  }
  report.rssAfterMb = mb();
  return report;
}
