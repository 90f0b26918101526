import { Agent, request } from 'node:http';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from './harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

interface RawReply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** One request over node:http (keep-alive agent): `size` bytes of body, sent with a Content-Length or chunked. */
function send(
  agent: Agent,
  method: string,
  path: string,
  options: { size?: number; chunked?: boolean; contentType?: string } = {},
): Promise<RawReply> {
  const { port, hostname } = new URL(h.url);
  return new Promise((resolve, reject) => {
    const size = options.size ?? 0;
    const headers: Record<string, string> = {
      'content-type': options.contentType ?? 'application/x-www-form-urlencoded',
    };
    if (size > 0 && !options.chunked) headers['content-length'] = String(size);
    const req = request({ agent, host: hostname, port, method, path, headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d) => {
        body += d;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    // The server may answer and close before the whole body is written: that is the point.
    req.on('error', (err) => reject(err));
    const chunk = Buffer.alloc(64 * 1024, 'a');
    let left = size;
    const pump = () => {
      while (left > 0) {
        const n = Math.min(left, chunk.length);
        left -= n;
        if (!req.write(chunk.subarray(0, n))) return req.once('drain', pump);
      }
      req.end();
    };
    if (size > 0) pump();
    else req.end();
  });
}

describe('request body limit', () => {
  it('refuses an oversized body with 413 on every route (admin sign-in, API, metrics, docs), early', async () => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    try {
      for (const [method, path] of [
        ['POST', '/admin/login'],
        ['POST', '/admin/connections'],
        ['POST', '/api/settings/connections'],
        ['GET', '/metrics'],
        ['GET', '/api/docs'],
        ['POST', '/nowhere'],
      ] as const)
        for (const chunked of [false, true]) {
          const res = await send(agent, method, path, { size: 2 * 1024 * 1024, chunked }).catch(
            (e: Error) => e,
          );
          // A chunked upload may see the socket closed under it once the answer is out; never a 5xx.
          if (res instanceof Error) expect(chunked, `${method} ${path}: ${res.message}`).toBe(true);
          else {
            expect(res.status, `${method} ${path} chunked=${chunked}`).toBe(413);
            expect(res.headers['connection']).toBe('close');
          }
        }
    } finally {
      agent.destroy();
    }
  });

  it("closes the connection after an early 413, so the client's next request on a keep-alive agent works", async () => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    try {
      for (const path of ['/api/settings/connections', '/admin/login', '/api/settings/connections']) {
        const refused = await send(agent, 'POST', path, {
          size: 512 * 1024,
          contentType: 'application/json',
        });
        expect(refused.status).toBe(413);
        const next = await send(agent, 'GET', '/healthz');
        expect(next.status).toBe(200);
        expect(JSON.parse(next.body)).toEqual({ ok: true });
      }
    } finally {
      agent.destroy();
    }
  });

  it('answers a declared oversized body before it is sent, then closes the socket (no half-read body left on it)', async () => {
    const { port, hostname } = new URL(h.url);
    const socket = connect(Number(port), hostname);
    let text = '';
    socket.setEncoding('latin1');
    socket.on('data', (d) => {
      text += d;
    });
    const closed = new Promise<void>((resolve) => socket.on('close', () => resolve()));
    socket.write(
      `POST /api/settings/connections HTTP/1.1\r\nHost: ${hostname}\r\nContent-Type: application/json\r\nContent-Length: 10000000\r\n\r\n{`,
    );
    await closed;
    expect(text).toMatch(/^HTTP\/1\.1 413 /);
    expect(text.toLowerCase()).toContain('connection: close');
  });

  it('keeps the admin frame protection (X-Frame-Options: DENY) and the API its own headers', async () => {
    const admin = await fetch(`${h.url}/admin/login`);
    expect(admin.headers.get('x-frame-options')).toBe('DENY');
    const api = await fetch(`${h.url}/healthz`);
    expect(api.headers.get('x-frame-options')).toBe('SAMEORIGIN');
  });
});
