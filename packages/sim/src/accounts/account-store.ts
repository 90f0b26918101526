import { DEFAULT_REGION } from '@cts/core/exchanges';
import {
  type AssetAmount,
  type Balances,
  DEFAULT_PERMISSIONS,
  defaultBalances,
  type SimAccount,
} from './account.ts';
import type { ParsedAccountInput } from './account-input.ts';
import { generateAccountId, generateCredentials, generatePassphrase } from './credentials.ts';

/** What creating an account returns: the credentials a client signs with. */
export interface CreatedAccount {
  id: string;
  exchange: SimAccount['exchange'];
  environment: SimAccount['environment'];
  /** Present when not the default region. */
  region?: SimAccount['region'];
  uid: string;
  keyType: SimAccount['keyType'];
  apiKey: string;
  /** HMAC secret, or the PKCS#8 private key PEM for rsa/ed25519 keys. */
  apiSecret: string;
  passphrase?: string;
}

function toBalances(input: ParsedAccountInput['balances']): Balances {
  if (!input) return defaultBalances();
  const out: Balances = {};
  for (const [wallet, assets] of Object.entries(input) as [keyof Balances, Record<string, unknown>][]) {
    const converted: Record<string, AssetAmount> = {};
    for (const [asset, amount] of Object.entries(assets))
      converted[asset] = typeof amount === 'number' ? { free: amount, locked: 0 } : (amount as AssetAmount);
    out[wallet] = converted;
  }
  return out;
}

/** Accounts by API key and by id. Thousands of accounts cost two Map entries each. */
export class AccountStore {
  #byKey = new Map<string, SimAccount>();
  #byId = new Map<string, SimAccount>();
  #nextUid = 100_000_001;

  async create(input: ParsedAccountInput, now: number): Promise<CreatedAccount> {
    const creds = await generateCredentials(input.exchange, input.keyType);
    const passphrase = input.exchange === 'okx' ? (input.passphrase ?? generatePassphrase()) : undefined;
    const account: SimAccount = {
      id: generateAccountId(input.exchange),
      exchange: input.exchange,
      environment: input.environment,
      region: input.region,
      uid: String(this.#nextUid++),
      apiKey: creds.apiKey,
      hmacSecret: creds.hmacSecret,
      publicKeyPem: creds.publicKeyPem,
      keyType: input.keyType,
      passphrase,
      balances: toBalances(input.balances),
      permissions: { ...DEFAULT_PERMISSIONS, ...input.permissions },
      ipWhitelist: input.ipWhitelist ?? [],
      createdAt: Math.min(input.createdAt ?? now, now),
      expiresAt: input.expiresAt ?? null,
    };
    this.#byKey.set(account.apiKey, account);
    this.#byId.set(account.id, account);
    return {
      id: account.id,
      exchange: account.exchange,
      environment: account.environment,
      ...(account.region === DEFAULT_REGION ? {} : { region: account.region }),
      uid: account.uid,
      keyType: account.keyType,
      apiKey: creds.apiKey,
      apiSecret: creds.apiSecret,
      ...(passphrase === undefined ? {} : { passphrase }),
    };
  }

  byKey(apiKey: string): SimAccount | undefined {
    return this.#byKey.get(apiKey);
  }

  byId(id: string): SimAccount | undefined {
    return this.#byId.get(id);
  }

  get size(): number {
    return this.#byId.size;
  }

  list(): IterableIterator<SimAccount> {
    return this.#byId.values();
  }

  clear(): void {
    this.#byKey.clear();
    this.#byId.clear();
  }
}
