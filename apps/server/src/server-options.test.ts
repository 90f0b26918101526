import type { Server } from 'node:http';
import { connect } from 'node:net';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { nodeServerOptions } from './server-options.ts';

describe('nodeServerOptions', () => {
  it('sets headers, request and keep-alive timeouts below the Node defaults', () => {
    const server = serve({
      fetch: new Hono().fetch,
      port: 0,
      hostname: '127.0.0.1',
      serverOptions: nodeServerOptions(),
    }) as Server;
    try {
      expect(server.headersTimeout).toBe(20_000);
      expect(server.requestTimeout).toBe(60_000);
      expect(server.keepAliveTimeout).toBe(5_000);
    } finally {
      server.close();
    }
    expect(() => nodeServerOptions({ headersTimeout: 2, requestTimeout: 1 })).toThrow(/headersTimeout/);
  });

  it('drops a client that never finishes its headers (slowloris) with 408', async () => {
    const server = serve({
      fetch: new Hono().fetch,
      port: 0,
      hostname: '127.0.0.1',
      serverOptions: nodeServerOptions({
        headersTimeout: 300,
        requestTimeout: 600,
        connectionsCheckingInterval: 50,
      }),
    }) as Server;
    await new Promise<void>((resolve) => server.once('listening', () => resolve()));
    const { port } = server.address() as { port: number };
    const socket = connect(port, '127.0.0.1');
    let text = '';
    socket.on('data', (d) => {
      text += d;
    });
    socket.write('GET / HTTP/1.1\r\nHost: x\r\n');
    await new Promise<void>((resolve) => socket.on('close', () => resolve()));
    server.close();
    expect(text).toMatch(/^HTTP\/1\.1 408/);
  });
});
