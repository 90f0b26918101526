import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { generateMasterKey, noopLogger } from '@cts/core';
import { expect, it } from 'vitest';
import { createCts } from './deps.ts';

it('sends databaseAuthToken (CTS_DATABASE_AUTH_TOKEN) to a remote libSQL database', async () => {
  const seen: Array<string | undefined> = [];
  const server = createServer((req, res) => {
    seen.push(req.headers.authorization);
    req.resume();
    res.writeHead(401, { 'content-type': 'text/plain' }).end('refused by the test');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  try {
    await expect(
      createCts({
        databaseUrl: `http://127.0.0.1:${port}`,
        databaseAuthToken: 'test-token-123',
        masterKey: `k1:${generateMasterKey()}`,
        jwtSecret: 'j'.repeat(32),
        logger: noopLogger,
        admin: false,
      }),
    ).rejects.toThrow();
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.every((h) => h === 'Bearer test-token-123')).toBe(true);
  } finally {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
});
