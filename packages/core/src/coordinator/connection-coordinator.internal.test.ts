/** A bug inside CTS (a TypeError in a normalizer) is `internal`: not retryable, logged with its stack, never `network`. */
import { ManualClock } from '@cts/testkit';
import { expect, it } from 'vitest';
import { runConnectionTest } from '../connectors/shared/test-runner.ts';
import type { Connector, ConnectorOptions } from '../connectors/types.ts';
import { CredentialVault, generateMasterKey } from '../crypto/vault.ts';
import { createMemoryStorage } from '../storage/memory/index.ts';
import { ConnectionCoordinator } from './connection-coordinator.ts';

/** A connector whose balance normalizer has a bug: it reads a field of undefined. */
function buggyConnector(options: ConnectorOptions, clock: ManualClock): Connector {
  const connector: Connector = {
    exchange: options.exchange,
    apiType: options.apiType,
    environment: options.environment ?? 'mainnet',
    clockOffsetMs: 0,
    getServerTime: async () => clock.now(),
    syncClock: async () => ({ offsetMs: 0, rttMs: 0, samples: 1 }),
    getBalance: async () => {
      const reply = { result: undefined } as unknown as { result: { list: unknown[] } };
      return { currency: 'USD', total: reply.result.list.length, available: 0, assets: [] };
    },
    getPermissions: async () => {
      throw new Error('not reached');
    },
    testConnection: (o) => runConnectionTest(connector, clock, o),
  };
  return connector;
}

it('reports a normalizer bug as internal (not retryable), logs its stack, and keeps runtime text out', async () => {
  const clock = new ManualClock();
  const errors: Array<Record<string, unknown>> = [];
  const coordinator = new ConnectionCoordinator({
    storage: createMemoryStorage(),
    vault: await CredentialVault.fromKeys({ current: { id: 'k1', key: generateMasterKey() } }),
    clock,
    scheduler: { every: () => () => {} },
    createConnector: (o) => buggyConnector(o, clock),
    logger: { debug() {}, info() {}, warn() {}, error: (msg, f) => errors.push({ msg, ...f }) },
  });
  const c = await coordinator.createConnection({
    name: 'bug',
    exchange: 'bybit',
    api_type: 'spot',
    api_key: 'k'.repeat(18),
    api_secret: 's'.repeat(36),
    enabled: false,
  });
  const result = await coordinator.testConnection(c.id);
  expect(result.error).toMatchObject({ code: 'internal', retryable: false });
  expect(result.error?.message).toBe('Internal error (TypeError)');
  expect((await coordinator.getConnection(c.id)).last_error).toMatchObject({ code: 'internal' });
  expect(errors).toEqual([
    expect.objectContaining({
      msg: 'internal error',
      connectionId: c.id,
      operation: 'test',
      error: 'TypeError',
    }),
  ]);
  expect(String(errors[0]!.stack)).toMatch(/at /);
  expect(String(errors[0]!.stack)).not.toContain('Cannot read');
});
