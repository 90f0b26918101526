import { KEY_TYPES } from '@cts/core/crypto';
import {
  DEFAULT_REGION,
  ENVIRONMENTS,
  EXCHANGES,
  hasEnvironment,
  hasRegion,
  keyTypesOf,
  REGIONS,
  regionsOf,
} from '@cts/core/exchanges';
import { z } from 'zod';
import { WALLETS } from './account.ts';

const amountSchema = z.union([
  z.number().nonnegative(),
  z.object({ free: z.number().nonnegative(), locked: z.number().nonnegative().default(0) }),
]);

/** What `POST /__sim/accounts` and `createAccount` accept. */
export const accountInputSchema = z
  .object({
    exchange: z.enum(EXCHANGES),
    /** @default 'mainnet' */
    environment: z.enum(ENVIRONMENTS).default('mainnet'),
    /** The entity whose key space holds the key; each region has its own (a key of another is unknown). @default 'global' */
    region: z.enum(REGIONS).default(DEFAULT_REGION),
    /** Per wallet, per asset: a free amount or `{ free, locked }`. @default defaultBalances() */
    balances: z.partialRecord(z.enum(WALLETS), z.record(z.string().min(1).max(20), amountSchema)).optional(),
    /** @default read, trade, futures, margin; no withdraw, no transfer */
    permissions: z
      .object({
        read: z.boolean(),
        trade: z.boolean(),
        futures: z.boolean(),
        margin: z.boolean(),
        withdraw: z.boolean(),
        transfer: z.boolean(),
      })
      .partial()
      .optional(),
    /** Allowed client IPs; empty or absent = unrestricted. */
    ipWhitelist: z
      .array(z.union([z.ipv4(), z.ipv6()]))
      .max(30)
      .optional(),
    /** @default 'hmac' */
    keyType: z.enum(KEY_TYPES).default('hmac'),
    /** OKX only; generated when absent. */
    passphrase: z.string().min(1).max(64).optional(),
    /** Epoch ms the key was created (to simulate an old key; a time after now is taken as now). @default now */
    createdAt: z.number().int().positive().optional(),
    /** Epoch ms when the key expires. @default never */
    expiresAt: z.number().int().positive().nullable().optional(),
  })
  .superRefine((input, ctx) => {
    if (!hasEnvironment(input.exchange, input.environment))
      ctx.addIssue({
        code: 'custom',
        path: ['environment'],
        message: `${input.exchange} has no ${input.environment} environment`,
      });
    else if (!hasRegion(input.exchange, input.environment, input.region))
      ctx.addIssue({
        code: 'custom',
        path: ['region'],
        message: `${input.exchange} ${input.environment} has ${regionsOf(input.exchange, input.environment).join(', ')}`,
      });
    if (!keyTypesOf(input.exchange).includes(input.keyType))
      ctx.addIssue({
        code: 'custom',
        path: ['keyType'],
        message: `${input.exchange} accepts ${keyTypesOf(input.exchange).join(', ')} keys`,
      });
    if (input.passphrase !== undefined && input.exchange !== 'okx')
      ctx.addIssue({ code: 'custom', path: ['passphrase'], message: 'only OKX keys have a passphrase' });
  });

export type AccountInput = z.input<typeof accountInputSchema>;
export type ParsedAccountInput = z.output<typeof accountInputSchema>;

/** Formats zod issues as `field: rule` lines (the control API's 400 body). */
export function describeIssues(error: z.ZodError): { field: string; message: string }[] {
  return error.issues.map((issue) => ({
    field: issue.path.length ? issue.path.join('.') : '(body)',
    message: issue.message,
  }));
}
