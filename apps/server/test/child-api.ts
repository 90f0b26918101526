/**
 * What the restart tests give a child server (child-server.ts): the environment over a data dir and the simulator,
 * with fresh secrets, and a JSON caller holding an admin token signed with that JWT secret — so the same database
 * and token serve every start.
 */
import { join } from 'node:path';
import { issueToken } from '@cts/api';
import { generateMasterKey, randomHex } from '@cts/core';
import type { Json } from './harness.ts';

export interface ChildApiOptions {
  /** The data dir (also holds the database). */
  dir: string;
  /** The simulator's URL (CTS_EXCHANGE_BASE_URL). */
  simUrl: string;
  /** Names the master key and the token's subject. */
  label: string;
  /** The database file in `dir`. @default 'cts.db' */
  dbFile?: string;
  /** More variables. @default {} */
  env?: Record<string, string>;
}

export interface ChildApi {
  env: Record<string, string>;
  /** An admin request to the server at `base`, JSON in and out. */
  call(base: string, method: string, path: string, body?: unknown): Promise<{ status: number; json: Json }>;
}

export async function childApi(options: ChildApiOptions): Promise<ChildApi> {
  const jwtSecret = randomHex(32);
  const env = {
    CTS_DATA_DIR: options.dir,
    CTS_DATABASE_URL: `file:${join(options.dir, options.dbFile ?? 'cts.db')}`,
    CTS_MASTER_KEY: `${options.label}:${generateMasterKey()}`,
    CTS_JWT_SECRET: jwtSecret,
    CTS_EXCHANGE_BASE_URL: options.simUrl,
    ...options.env,
  };
  const token = await issueToken({ secret: jwtSecret, sub: options.label, role: 'admin', ttl: '10m' });
  const call = async (base: string, method: string, path: string, body?: unknown) => {
    const res = await fetch(`${base}${path}`, {
      method,
      headers: { Authorization: `Bearer ${token}`, ...(body ? { 'Content-Type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    return { status: res.status, json: (await res.json()) as Json };
  };
  return { env, call };
}
