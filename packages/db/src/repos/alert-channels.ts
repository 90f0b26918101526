import type { AlertChannel } from '@cts/core/alerts';
import { asc, eq } from 'drizzle-orm';
import type { CtsDatabase } from '../database.ts';
import { alertChannels } from '../schema/alert-channels.ts';

type ChannelRow = typeof alertChannels.$inferSelect;

function toChannel(r: ChannelRow): AlertChannel {
  const { keyId, iv, ciphertext, ...rest } = r;
  return { ...rest, secrets: { keyId, iv, ciphertext } };
}

function toRow(c: AlertChannel): ChannelRow {
  const { secrets, ...rest } = c;
  return { ...rest, keyId: secrets.keyId, iv: secrets.iv, ciphertext: secrets.ciphertext };
}

/** Alert channels over drizzle (the channel half of LibsqlAlertStore). */
export class LibsqlAlertChannels {
  protected readonly db: CtsDatabase;

  constructor(db: CtsDatabase) {
    this.db = db;
  }

  async createChannel(channel: AlertChannel): Promise<void> {
    await this.db.insert(alertChannels).values(toRow(channel));
  }

  async getChannel(id: string): Promise<AlertChannel | null> {
    const rows = await this.db.select().from(alertChannels).where(eq(alertChannels.id, id)).limit(1);
    return rows[0] ? toChannel(rows[0]) : null;
  }

  async listChannels(): Promise<AlertChannel[]> {
    const rows = await this.db
      .select()
      .from(alertChannels)
      .orderBy(asc(alertChannels.createdAt), asc(alertChannels.id));
    return rows.map(toChannel);
  }

  async updateChannel(channel: AlertChannel): Promise<boolean> {
    const { id, ...fields } = toRow(channel);
    const rows = await this.db
      .update(alertChannels)
      .set(fields)
      .where(eq(alertChannels.id, id))
      .returning({ id: alertChannels.id });
    return rows.length > 0;
  }

  async deleteChannel(id: string): Promise<boolean> {
    const rows = await this.db
      .delete(alertChannels)
      .where(eq(alertChannels.id, id))
      .returning({ id: alertChannels.id });
    return rows.length > 0;
  }
}
