import { describe, expect, it } from 'vitest';
import { createFixture, STORAGES } from '../../test/coordinator-fixture.ts';
import { ValidationError } from '../errors/domain.ts';
import type { CreateConnectionInput } from './types.ts';

describe.each(STORAGES)('ConnectionCoordinator.createConnection (%s storage)', (kind) => {
  it('stores the key masked and the secrets sealed, then goes disabled → testing → active on a passing test', async () => {
    const f = await createFixture({ kind });
    const body = await f.input('bybit', 'unified');
    const created = await f.coordinator.createConnection(body);
    expect(created.state).toBe('testing');
    expect(created.api_key_masked).toBe(`${body.api_key.slice(0, 4)}…${body.api_key.slice(-4)}`);
    expect(JSON.stringify(created)).not.toContain(body.api_key);
    expect(JSON.stringify(created)).not.toContain(body.api_secret);
    const blob = await f.storage.connections.getCredentials(created.id);
    expect(blob?.ciphertext).not.toContain(body.api_secret);
    expect(await f.vault.open(created.id, blob!)).toEqual({
      apiKey: body.api_key,
      apiSecret: body.api_secret,
    });

    const tested = await f.coordinator.createConnection(await f.input('binance'), { awaitTest: true });
    expect(tested).toMatchObject({
      state: 'active',
      is_active: true,
      is_enabled: true,
      last_test_success: true,
    });
    expect(tested.last_balance).toBeGreaterThan(0);
    expect(tested.version).toBeGreaterThan(2);
  });

  it('moves a connection whose credentials the exchange rejects to error, with the code and hint', async () => {
    const f = await createFixture({ kind });
    const body = await f.input('okx');
    const c = await f.coordinator.createConnection(
      { ...body, api_secret: 'not-the-secret' },
      { awaitTest: true },
    );
    expect(c.state).toBe('error');
    expect(c.last_error?.code).toBe('auth.invalid_signature');
    expect(c.last_error?.hint).toMatch(/secret/i);
    expect(JSON.stringify(c)).not.toContain('not-the-secret');
  });

  it('creates a disabled connection without testing it when enabled is false', async () => {
    const f = await createFixture({ kind });
    const c = await f.coordinator.createConnection({ ...(await f.input('pionex')), enabled: false });
    expect(c).toMatchObject({ state: 'disabled', is_enabled: false, last_test_at: null });
    expect(f.sim.stats().pionex).toBeUndefined();
  });

  const base: CreateConnectionInput = {
    name: 'x',
    exchange: 'bybit',
    api_type: 'spot',
    api_key: 'key-123456789',
    api_secret: 'secret-123456789',
  };
  it.each([
    [{ name: ' ' }, 'name', 'must be a non-empty string'],
    [{ exchange: 'kraken' }, 'exchange', 'must be one of bybit, binance, okx, bingx, pionex, orangex'],
    [{ api_type: 'futures' }, 'api_type', 'must be one of'],
    [
      { exchange: 'bingx', api_type: 'margin' },
      'api_type',
      'bingx supports rest, websocket, perpetual_futures, spot',
    ],
    [{ exchange: 'binance', api_type: 'unified' }, 'api_type', 'binance supports'],
    [{ api_key: '' }, 'api_key', 'must be a non-empty string'],
    [{ api_secret: '   ' }, 'api_secret', 'must be a non-empty string'],
    [{ exchange: 'okx' }, 'api_passphrase', 'must be a non-empty string'],
    [{ api_passphrase: 'pp' }, 'api_passphrase', 'only OKX keys do'],
    [{ exchange: 'pionex', is_testnet: true }, 'is_testnet', 'pionex has no testnet or demo environment'],
    [{ exchange: 'orangex', is_testnet: true }, 'is_testnet', 'orangex has no testnet'],
    [{ margin_type: 'cross' }, 'margin_type', 'only applies to perpetual_futures and margin'],
    [{ position_mode: 'hedge' }, 'position_mode', 'only applies to perpetual_futures and margin'],
    [{ api_type: 'perpetual_futures', margin_type: 'both' }, 'margin_type', 'must be cross or isolated'],
    [{ exchange: 'okx', api_passphrase: 'p', key_type: 'rsa' }, 'key_type', 'okx accepts hmac'],
  ])('refuses %j with ValidationError on %s', async (patch, field, rule) => {
    const f = await createFixture({ kind });
    const err = await f.coordinator
      .createConnection({ ...base, ...patch } as CreateConnectionInput)
      .catch((e) => e);
    expect(err).toBeInstanceOf(ValidationError);
    expect(err.field).toBe(field);
    expect(err.rule).toContain(rule);
    expect(err.message).not.toContain('secret-123456789');
    expect(await f.coordinator.getAllConnections()).toEqual([]);
  });

  it('accepts testnet where the exchange has one and derives the environment', async () => {
    const f = await createFixture({ kind });
    const c = await f.coordinator.createConnection(
      await f.input('bybit', 'perpetual_futures', { environment: 'testnet' }),
      { awaitTest: true },
    );
    expect(c).toMatchObject({ is_testnet: true, environment: 'testnet', state: 'active' });
    const demo = await f.coordinator.createConnection(await f.input('okx', 'spot', { environment: 'demo' }), {
      awaitTest: true,
    });
    expect(demo).toMatchObject({ environment: 'demo', state: 'active' });
  });

  it('filters by exchange, api type, enabled and active', async () => {
    const f = await createFixture({ kind });
    const a = await f.coordinator.createConnection(await f.input('bybit', 'spot'), { awaitTest: true });
    const b = await f.coordinator.createConnection({
      ...(await f.input('bybit', 'unified')),
      enabled: false,
    });
    const c = await f.coordinator.createConnection(await f.input('bingx', 'spot'), { awaitTest: true });
    const ids = (xs: Array<{ id: string }>) => xs.map((x) => x.id).sort();
    expect(ids(await f.coordinator.getConnectionsByExchange('bybit'))).toEqual(ids([a, b]));
    expect(ids(await f.coordinator.getConnectionsByApiType('spot'))).toEqual(ids([a, c]));
    expect(ids(await f.coordinator.listConnections({ enabled: false }))).toEqual([b.id]);
    expect(ids(await f.coordinator.listConnections({ active: true, exchange: 'bingx' }))).toEqual([c.id]);
    expect(ids(await f.coordinator.getAllConnections())).toEqual(ids([a, b, c]));
  });
});
