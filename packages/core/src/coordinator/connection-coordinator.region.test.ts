import { describe, expect, it } from 'vitest';
import { createFixture, STORAGES } from '../../test/coordinator-fixture.ts';

describe.each(STORAGES)('ConnectionCoordinator OKX region detection (%s storage)', (kind) => {
  it('finds an OKX EEA key entered as global and names EEA in the hint and the key audit', async () => {
    const f = await createFixture({ kind });
    const body = await f.input('okx', 'spot', { region: 'eea' });
    const c = await f.coordinator.createConnection(body, { awaitTest: true }); // no region: global
    expect(c.state).toBe('error');
    expect(c.last_error).toMatchObject({
      exchangeCode: '50119',
      hint: 'This key belongs to OKX EEA: set region eea.',
    });
    expect(c.key_audit?.flags).toContain('wrong_region');
    expect(c.key_audit?.hint).toBe('This key belongs to OKX EEA: set region eea.');
    const test = await f.coordinator.testConnection(c.id);
    expect(test.error?.hint).toBe('This key belongs to OKX EEA: set region eea.');
    expect(test.keyAudit?.flags).toContain('wrong_region');

    // Set the region: the key passes and the flag goes.
    const fixed = await f.coordinator.updateConnection(c.id, { region: 'eea' });
    expect(fixed.region).toBe('eea');
    const passed = await f.coordinator.testConnection(c.id);
    expect(passed.success).toBe(true);
    expect(passed.keyAudit?.flags).not.toContain('wrong_region');
  });

  it('keeps the plain 50119 hint when no region accepts the key', async () => {
    const f = await createFixture({ kind });
    const body = await f.input('okx', 'spot');
    const c = await f.coordinator.createConnection(
      { ...body, api_key: 'nobody-has-this-key' },
      { awaitTest: true },
    );
    expect(c.state).toBe('error');
    expect(c.last_error?.hint).not.toContain('belongs to');
    expect(c.key_audit).toBeNull();
  });
});
