/**
 * A server with connections on every exchange, two of them holding control-character credentials planted past
 * validation (as a direct database write could), tested one by one and in a batch: the material the secret scan
 * then looks through.
 */
import { CredentialVault, EXCHANGES, generateMasterKey, parseMasterKeys } from '@cts/core';
import { adminSignIn } from '../admin-session.ts';
import type { Harness } from '../harness.ts';

export async function plantSecrets(start: (masterKey: string) => Promise<Harness>) {
  const masterKey = `plant:${generateMasterKey()}`;
  const harness = await start(masterKey);
  const vault = await CredentialVault.fromKeys(await parseMasterKeys(masterKey, ''));
  const secrets: Record<string, string> = {
    'JWT secret': harness.jwtSecret,
    'master key': masterKey.slice(6),
  };
  const connectionIds: string[] = [];
  for (const exchange of EXCHANGES) {
    const body = await harness.account(exchange);
    const id = (await harness.create({ ...body, enabled: false })).json.connection.id as string;
    connectionIds.push(id);
    secrets[`${exchange} api_key`] = body.api_key as string;
    secrets[`${exchange} api_secret`] = body.api_secret as string;
    if (body.api_passphrase) secrets[`${exchange} api_passphrase`] = body.api_passphrase as string;
    if (exchange === 'okx' || exchange === 'binance') {
      const planted = {
        apiKey: `PLANTKEY\n${exchange}-0123456789`,
        apiSecret: `PLANTSECRET\u0000${exchange}-0123456789`,
        ...(exchange === 'okx' ? { passphrase: 'PLANTPASS\r\nokx-0123456789' } : {}),
      };
      await harness.cts.storage.connections.replaceCredentials(id, await vault.seal(id, planted));
      secrets[`${exchange} planted api_key`] = planted.apiKey;
      secrets[`${exchange} planted api_secret`] = planted.apiSecret;
      if (planted.passphrase) secrets['okx planted passphrase'] = planted.passphrase;
    }
  }
  const replies: string[] = [];
  for (const id of connectionIds) {
    replies.push((await harness.request('POST', `/api/settings/connections/${id}/test`)).text);
    replies.push((await harness.request('POST', `/api/settings/connections/${id}/enable`)).text);
  }
  const batch = await harness.request('POST', '/api/settings/connections/batch-test', {
    body: { connectionIds },
  });
  replies.push(batch.text);
  for (const path of [
    '/api/settings/connections',
    '/api/settings/connections/health',
    '/api/system/status',
    '/metrics',
  ])
    replies.push((await harness.request('GET', path)).text);
  const { cookie } = await adminSignIn(harness.url, harness.adminToken);
  for (const path of ['/admin/connections', '/admin/health', '/admin/system'])
    replies.push(await (await fetch(`${harness.url}${path}`, { headers: { cookie } })).text());
  return { harness, secrets, connectionIds, batchIds: [batch.json.batchId as string], replies };
}
