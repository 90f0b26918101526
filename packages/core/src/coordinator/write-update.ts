import { type ConnectionRecord, maskApiKey } from '../connections/connection.ts';
import { NotFoundError } from '../errors/domain.ts';
import type { KeyedLock } from './keyed-lock.ts';
import type { ResolvedCoordinatorOptions } from './options.ts';
import type { UpdateConnectionInput } from './types.ts';
import { validateUpdate } from './validate-input.ts';

/**
 * Validates a patch against the stored connection and its opened secrets, seals changed secrets, and writes the
 * patch (conditional on `version` when given). `retest`: new credentials, API type, environment, region or key type.
 */
export async function writeUpdate(
  o: ResolvedCoordinatorOptions,
  lock: KeyedLock,
  current: ConnectionRecord,
  input: UpdateConnectionInput,
): Promise<{ updated: ConnectionRecord; retest: boolean }> {
  const id = current.id;
  const blob = await o.storage.connections.getCredentials(id);
  const secrets = blob ? await o.vault.open(id, blob) : { apiKey: '', apiSecret: '' };
  const v = validateUpdate(current, secrets, input);
  const secretsChanged =
    v.secrets.apiKey !== secrets.apiKey ||
    v.secrets.apiSecret !== secrets.apiSecret ||
    v.secrets.passphrase !== secrets.passphrase;
  const credentials = secretsChanged ? await o.vault.seal(id, v.secrets) : undefined;
  const updated = await lock.run(id, async () => {
    const r = await o.storage.connections.update(
      id,
      {
        name: v.name,
        api_type: v.api_type,
        key_type: v.key_type,
        margin_type: v.margin_type,
        position_mode: v.position_mode,
        is_testnet: v.is_testnet,
        environment: v.environment,
        region: v.region,
        api_key_masked: maskApiKey(v.secrets.apiKey),
      },
      { now: o.clock.now(), expectedVersion: input.version, credentials },
    );
    if (!r) throw new NotFoundError('connection', id);
    return r;
  });
  const retest =
    secretsChanged ||
    v.api_type !== current.api_type ||
    v.environment !== current.environment ||
    v.region !== current.region ||
    v.key_type !== current.key_type;
  return { updated, retest };
}
