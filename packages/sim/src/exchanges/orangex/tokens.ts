/** OrangeX access/refresh tokens. Lifetimes are our choice (the reference gives none): see TokenStore options. */

export interface TokenPair {
  accessToken: string;
  refreshToken: string;
  /** Seconds, as `expires_in`. */
  expiresIn: number;
}

interface Entry {
  accountId: string;
  expiresAt: number;
}

function token(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(24));
  let hex = '';
  for (const b of bytes) hex += b.toString(16).padStart(2, '0');
  return hex;
}

export interface TokenStoreOptions {
  /** @default 3_600_000 (1 hour) */
  accessTtlMs?: number;
  /** @default 604_800_000 (7 days) */
  refreshTtlMs?: number;
}

/** Issues, resolves and refreshes tokens. A refresh token is single-use: refreshing revokes the old pair. */
export class TokenStore {
  readonly accessTtlMs: number;
  readonly refreshTtlMs: number;
  #access = new Map<string, Entry>();
  #refresh = new Map<string, Entry & { access: string }>();

  constructor(options: TokenStoreOptions = {}) {
    this.accessTtlMs = options.accessTtlMs ?? 3_600_000;
    this.refreshTtlMs = options.refreshTtlMs ?? 604_800_000;
    if (!(this.accessTtlMs > 0)) throw new TypeError('accessTtlMs: expected a positive number of ms');
    if (!(this.refreshTtlMs >= this.accessTtlMs))
      throw new TypeError('refreshTtlMs: expected at least accessTtlMs');
  }

  issue(accountId: string, now: number): TokenPair {
    const accessToken = token();
    const refreshToken = token();
    this.#access.set(accessToken, { accountId, expiresAt: now + this.accessTtlMs });
    this.#refresh.set(refreshToken, { accountId, expiresAt: now + this.refreshTtlMs, access: accessToken });
    if (this.#access.size > 100_000) this.#sweep(now);
    return { accessToken, refreshToken, expiresIn: Math.floor(this.accessTtlMs / 1000) };
  }

  /** The account id behind an access token; `expired` when it is known but too old. */
  resolveAccess(accessToken: string, now: number): { accountId?: string; expired?: boolean } {
    const entry = this.#access.get(accessToken);
    if (!entry) return {};
    if (entry.expiresAt <= now) return { expired: true };
    return { accountId: entry.accountId };
  }

  /** Consumes a refresh token: returns its account and revokes the pair, or nothing when unknown/expired. */
  consumeRefresh(refreshToken: string, now: number): string | undefined {
    const entry = this.#refresh.get(refreshToken);
    if (!entry) return undefined;
    this.#refresh.delete(refreshToken);
    this.#access.delete(entry.access);
    return entry.expiresAt > now ? entry.accountId : undefined;
  }

  #sweep(now: number): void {
    for (const [k, e] of this.#access) if (e.expiresAt <= now) this.#access.delete(k);
    for (const [k, e] of this.#refresh) if (e.expiresAt <= now) this.#refresh.delete(k);
  }

  clear(): void {
    this.#access.clear();
    this.#refresh.clear();
  }
}
