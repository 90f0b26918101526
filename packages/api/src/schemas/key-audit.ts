import { EXCHANGES, KEY_AUDIT_FLAGS } from '@cts/core';
import { z } from 'zod';

/** A key's lifecycle audit (KeyAudit in @cts/core/keys), or null before a test read the key's permissions. */
export const keyAuditSchema = z
  .object({
    checked_at: z.string().describe('ISO time the exchange was asked'),
    ip_bound: z.boolean().nullable().describe('Bound to IPs; null when the exchange does not say'),
    ips: z.array(z.string()).nullable().describe("The key's IP list; null when the exchange returns none"),
    permissions: z.array(z.string()).nullable().describe("The exchange's own permission names"),
    expires_at: z
      .string()
      .nullable()
      .describe("ISO effective expiry: the earliest of the exchange's own field and its published rule"),
    expiry_reason: z
      .string()
      .nullable()
      .describe('Why expires_at ("unbound key: Bybit stops it 90 days after creation")'),
    inactivity_rule: z
      .string()
      .nullable()
      .describe(
        'Where the rule is inactivity instead of a date ("deleted after 14 days without trading use")',
      ),
    days_to_expiry: z.number().int().nullable().describe('Whole days left, rounded up; 0 once expired'),
    flags: z.array(z.enum(KEY_AUDIT_FLAGS)).describe('expires_soon: 14 days or fewer left'),
    hint: z.string().nullable().describe('One line a person can act on, most urgent first'),
  })
  .nullable()
  .describe('Key lifecycle audit from the last test that read the key (null before one)');

/** An exchange's announced maintenance window that covers the connection now, or null. */
export const maintenanceSchema = z
  .object({
    exchange: z.enum(EXCHANGES),
    until: z.string().nullable().describe('ISO end of the window, when announced'),
    message: z.string(),
  })
  .nullable()
  .describe("The exchange's announced maintenance now (failures inside it do not count), or null");
