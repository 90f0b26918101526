import type { ConnectionWrite, EncryptedBlob, Storage } from '@cts/core/storage';

/** A fresh, empty Storage per test. */
export type MakeStorage = () => Promise<Storage>;

export const T0 = Date.UTC(2026, 0, 27, 10, 0, 0);

/** Writable connection fields; override what a test cares about. */
export function connectionFields(overrides: Partial<ConnectionWrite> = {}): ConnectionWrite {
  return {
    name: 'Main Bybit',
    exchange: 'bybit',
    api_type: 'unified',
    margin_type: 'cross',
    position_mode: 'one_way',
    is_testnet: false,
    environment: 'mainnet',
    region: null,
    key_type: 'hmac',
    api_key_masked: 'AKIA…MPLE',
    state: 'disabled',
    last_test_at: null,
    last_test_success: null,
    last_error: null,
    last_balance: null,
    last_balance_currency: null,
    key_audit: null,
    ...overrides,
  };
}

/** An opaque blob (the repositories never look inside). */
export function blob(tag: string, keyId = 'k1'): EncryptedBlob {
  return { keyId, iv: `iv-${tag}`, ciphertext: `ct-${tag}` };
}
