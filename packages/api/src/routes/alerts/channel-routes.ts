import { withoutSecrets } from '@cts/core';
import { z } from 'zod';
import { defineRoute } from '../../route.ts';
import { channelInputSchema, channelSchema, createChannelSchema } from '../../schemas/alerts.ts';
import { idParamSchema } from '../../schemas/common.ts';
import { DELETED_RESPONSE, errorResponses, READ_ERRORS, WRITE_ERRORS } from '../responses.ts';
import { alertsOf } from './alerts-of.ts';

const BASE = '/api/settings/alerts/channels';
const one = z.object({ success: z.literal(true), channel: channelSchema });

export const listChannelsRoute = defineRoute(
  {
    method: 'get',
    path: BASE,
    operationId: 'listAlertChannels',
    summary: 'List alert channels (secrets masked for admins, left out for viewers)',
    tag: 'alerts',
    access: 'viewer',
    responses: {
      200: {
        description: 'Every channel',
        schema: z.object({ success: z.literal(true), channels: z.array(channelSchema) }),
      },
      ...errorResponses(...READ_ERRORS, 404),
    },
  },
  async (c, _input, deps) => {
    const channels = await alertsOf(deps).listChannels();
    const admin = c.get('principal')?.role === 'admin';
    return c.json({ success: true, channels: admin ? channels : channels.map(withoutSecrets) });
  },
);

export const createChannelRoute = defineRoute(
  {
    method: 'post',
    path: BASE,
    operationId: 'createAlertChannel',
    summary: 'Create an alert channel',
    description:
      'Destinations must be https: URLs on public addresses (hosts in CTS_ALERT_ALLOW_HOSTS excepted). A generic webhook without `signing_secret` gets one, returned here once: its requests carry `X-CTS-Timestamp` (Unix seconds) and `X-CTS-Signature` = hex HMAC-SHA256 under the secret of the timestamp, a dot, and the raw body (as Stripe signs).',
    tag: 'alerts',
    access: 'admin',
    body: createChannelSchema,
    responses: {
      201: {
        description: 'Created',
        schema: one.extend({
          signing_secret: z
            .string()
            .optional()
            .describe('The generated webhook signing secret, shown this once'),
        }),
      },
      ...errorResponses(...WRITE_ERRORS),
    },
  },
  async (c, { body }, deps) => c.json({ success: true, ...(await alertsOf(deps).createChannel(body)) }, 201),
);

export const getChannelRoute = defineRoute(
  {
    method: 'get',
    path: `${BASE}/:id`,
    operationId: 'getAlertChannel',
    summary: 'One alert channel',
    tag: 'alerts',
    access: 'viewer',
    params: idParamSchema,
    responses: { 200: { description: 'The channel', schema: one }, ...errorResponses(...READ_ERRORS, 404) },
  },
  async (c, { params }, deps) => {
    const channel = await alertsOf(deps).getChannel(params.id);
    return c.json({
      success: true,
      channel: c.get('principal')?.role === 'admin' ? channel : withoutSecrets(channel),
    });
  },
);

export const updateChannelRoute = defineRoute(
  {
    method: 'patch',
    path: `${BASE}/:id`,
    operationId: 'updateAlertChannel',
    summary: 'Change an alert channel (secrets left out are kept; the type cannot change)',
    tag: 'alerts',
    access: 'admin',
    params: idParamSchema,
    body: channelInputSchema,
    responses: { 200: { description: 'The channel', schema: one }, ...errorResponses(...WRITE_ERRORS, 404) },
  },
  async (c, { params, body }, deps) =>
    c.json({ success: true, channel: await alertsOf(deps).updateChannel(params.id, body) }),
);

export const deleteChannelRoute = defineRoute(
  {
    method: 'delete',
    path: `${BASE}/:id`,
    operationId: 'deleteAlertChannel',
    summary: 'Delete an alert channel (its delivery history stays until purged)',
    tag: 'alerts',
    access: 'admin',
    params: idParamSchema,
    responses: {
      200: DELETED_RESPONSE,
      ...errorResponses(...WRITE_ERRORS, 404),
    },
  },
  async (c, { params }, deps) => {
    await alertsOf(deps).deleteChannel(params.id);
    return c.json({ success: true, id: params.id, deleted: true });
  },
);

export const testChannelRoute = defineRoute(
  {
    method: 'post',
    path: `${BASE}/:id/test`,
    operationId: 'testAlertChannel',
    summary: 'Send a test alert to a channel (whatever its filters); follow it in the deliveries',
    tag: 'alerts',
    access: 'admin',
    params: idParamSchema,
    responses: {
      202: {
        description: 'Queued for delivery',
        schema: z.object({ success: z.literal(true), delivery_id: z.string() }),
      },
      ...errorResponses(...WRITE_ERRORS, 404),
    },
  },
  async (c, { params }, deps) =>
    c.json({ success: true, ...(await alertsOf(deps).sendTest(params.id)) }, 202),
);
