import type { KeyType } from '@cts/core/crypto';
import type { Environment, ExchangeId, Region } from '@cts/core/exchanges';

/** The wallets (account types) a simulated account holds balances in. */
export const WALLETS = ['spot', 'futures', 'margin', 'unified'] as const;
export type Wallet = (typeof WALLETS)[number];

export interface AssetAmount {
  free: number;
  locked: number;
}

/** Balances per wallet, per asset. */
export type Balances = Partial<Record<Wallet, Record<string, AssetAmount>>>;

/** What the key may do. Balance endpoints need `read`; futures/margin endpoints on Binance also need those. */
export interface SimPermissions {
  read: boolean;
  trade: boolean;
  futures: boolean;
  margin: boolean;
  withdraw: boolean;
  transfer: boolean;
}

export const DEFAULT_PERMISSIONS: SimPermissions = {
  read: true,
  trade: true,
  futures: true,
  margin: true,
  withdraw: false,
  transfer: false,
};

/** One simulated exchange account and its API key. */
export interface SimAccount {
  /** Non-secret id, used in stats and fault rules (`keyId`). */
  id: string;
  exchange: ExchangeId;
  environment: Environment;
  /** The exchange entity whose key space holds the key (OKX global/eea/us, Bybit's regions). */
  region: Region;
  /** Numeric user id as the exchange reports it. */
  uid: string;
  apiKey: string;
  /** HMAC secret; for rsa/ed25519 keys the simulator keeps only the public key. */
  hmacSecret?: string;
  publicKeyPem?: string;
  keyType: KeyType;
  passphrase?: string;
  balances: Balances;
  permissions: SimPermissions;
  /** Empty = unrestricted. */
  ipWhitelist: string[];
  createdAt: number;
  /** Epoch ms; null = never. */
  expiresAt: number | null;
}

const DAY_MS = 86_400_000;

/**
 * When the exchange stops the key: its `expiresAt`, or, for a Bybit key with no bound IP, 90 days after creation
 * (reference 2026 §1), whichever comes first. null = never.
 */
export function keyExpiry(account: SimAccount): number | null {
  const rule =
    account.exchange === 'bybit' && account.ipWhitelist.length === 0 ? account.createdAt + 90 * DAY_MS : null;
  if (rule === null) return account.expiresAt;
  return account.expiresAt === null ? rule : Math.min(rule, account.expiresAt);
}

/** Whether the exchange has stopped the key at `now` (keyExpiry). */
export function isExpired(account: SimAccount, now: number): boolean {
  const at = keyExpiry(account);
  return at !== null && at <= now;
}

/** Balances a new account gets when none are given. */
export function defaultBalances(): Balances {
  return {
    spot: { USDT: { free: 1000, locked: 0 }, BTC: { free: 0.5, locked: 0.01 } },
    futures: { USDT: { free: 5000, locked: 250 } },
    margin: { USDT: { free: 2000, locked: 0 }, BTC: { free: 0.1, locked: 0 } },
    unified: { USDT: { free: 8000, locked: 100 }, BTC: { free: 0.25, locked: 0 } },
  };
}

/** Reference prices in USD for valuations (the simulator has no market data). */
const PRICES: Record<string, number> = { USDT: 1, USDC: 1, USD: 1, BTC: 60_000, ETH: 3_000 };

export function usdPrice(asset: string): number {
  return PRICES[asset] ?? 1;
}

/** A wallet's assets, falling back to spot (exchanges without that wallet show their main one). */
export function walletOf(account: SimAccount, wallet: Wallet): Record<string, AssetAmount> {
  return account.balances[wallet] ?? account.balances.spot ?? {};
}

/** Formats an amount the way exchanges send decimals in strings. */
export function dec(n: number): string {
  return Number.isInteger(n) ? String(n) : String(Number(n.toFixed(8)));
}
