import { index, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { connections } from './connections.ts';

/** One AES-256-GCM blob per connection (see CredentialVault): never a key, secret or passphrase in clear. */
export const connectionCredentials = sqliteTable(
  'connection_credentials',
  {
    connectionId: text('connection_id')
      .primaryKey()
      .references(() => connections.id, { onDelete: 'cascade' }),
    /** The master key that sealed the blob (rotation re-encrypts rows whose key id is not the current one). */
    keyId: text('key_id').notNull(),
    /** base64, 12 bytes, random per write. */
    iv: text('iv').notNull(),
    /** base64 ciphertext + GCM tag. */
    ciphertext: text('ciphertext').notNull(),
  },
  (t) => [index('connection_credentials_key_id_idx').on(t.keyId)],
);
