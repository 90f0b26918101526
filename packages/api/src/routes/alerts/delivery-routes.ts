import { z } from 'zod';
import { defineRoute } from '../../route.ts';
import { deliveriesQuerySchema, deliverySchema } from '../../schemas/alerts.ts';
import { idParamSchema } from '../../schemas/common.ts';
import { errorResponses, READ_ERRORS } from '../responses.ts';
import { alertsOf } from './alerts-of.ts';

export const listDeliveriesRoute = defineRoute(
  {
    method: 'get',
    path: '/api/settings/alerts/deliveries',
    operationId: 'listAlertDeliveries',
    summary: 'Recent alert deliveries, newest first, with their status and every attempt',
    tag: 'alerts',
    access: 'viewer',
    query: deliveriesQuerySchema,
    responses: {
      200: {
        description: 'Deliveries',
        schema: z.object({ success: z.literal(true), deliveries: z.array(deliverySchema) }),
      },
      ...errorResponses(...READ_ERRORS, 404),
    },
  },
  async (c, { query }, deps) => {
    const deliveries = await alertsOf(deps).listDeliveries({
      limit: query.limit,
      channelId: query.channel_id,
    });
    return c.json({ success: true, deliveries });
  },
);

export const getDeliveryRoute = defineRoute(
  {
    method: 'get',
    path: '/api/settings/alerts/deliveries/:id',
    operationId: 'getAlertDelivery',
    summary: 'One delivery with every attempt',
    tag: 'alerts',
    access: 'viewer',
    params: idParamSchema,
    responses: {
      200: {
        description: 'The delivery',
        schema: z.object({ success: z.literal(true), delivery: deliverySchema }),
      },
      ...errorResponses(...READ_ERRORS, 404),
    },
  },
  async (c, { params }, deps) =>
    c.json({ success: true, delivery: await alertsOf(deps).getDelivery(params.id) }),
);
