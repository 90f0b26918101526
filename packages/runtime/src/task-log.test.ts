import type { Connector, ConnectorOptions, Logger, TestResult } from '@cts/core';
import { CtsError } from '@cts/core';
import { describe, expect, it } from 'vitest';
import { loggingConnectorFactory } from './task-log.ts';

const options: ConnectorOptions = {
  exchange: 'okx',
  apiType: 'spot',
  environment: 'mainnet',
  credentials: { apiKey: 'the-key-123456', apiSecret: 'the-secret-abcdef', passphrase: 'the-pass' },
};

function fakeConnector(result: TestResult): Connector {
  return {
    exchange: 'okx',
    apiType: 'spot',
    environment: 'mainnet',
    clockOffsetMs: 0,
    getServerTime: async () => 0,
    syncClock: async () => ({ offsetMs: 0, rttMs: 0, samples: 0 }),
    getBalance: async () => {
      throw new CtsError('auth.invalid_key', 'bad key');
    },
    getPermissions: async () => {
      throw new Error('unreachable');
    },
    testConnection: async () => result,
  };
}

describe('loggingConnectorFactory', () => {
  it('writes one line per task with outcome and error code, and no credentials', async () => {
    const lines: string[] = [];
    const logger: Logger = {
      debug() {},
      info: (msg, f) => lines.push(JSON.stringify({ msg, ...f })),
      warn() {},
      error() {},
    };
    const failed: TestResult = {
      success: false,
      balance: null,
      permissions: null,
      clockOffsetMs: null,
      duration: 1,
      log: [],
      warnings: [],
      error: { code: 'auth.passphrase', message: 'no', hint: 'h' },
    };
    const connector = loggingConnectorFactory(logger, () => fakeConnector(failed))(options);
    expect(await connector.testConnection()).toBe(failed);
    await expect(connector.getBalance()).rejects.toThrow('bad key');
    expect(await connector.getServerTime()).toBe(0);
    expect(connector.exchange).toBe('okx');
    expect(lines).toHaveLength(2);
    expect(JSON.parse(lines[0]!)).toMatchObject({
      msg: 'task',
      operation: 'testConnection',
      success: false,
      errorCode: 'auth.passphrase',
    });
    expect(JSON.parse(lines[1]!)).toMatchObject({
      operation: 'getBalance',
      success: false,
      errorCode: 'auth.invalid_key',
    });
    for (const secret of ['the-key-123456', 'the-secret-abcdef', 'the-pass'])
      expect(lines.join()).not.toContain(secret);
  });
});
