/** Every API operation, in registration order: fixed paths before `/:id` templates. */
import type { ApiRoute } from '../route.ts';
import {
  createChannelRoute,
  deleteChannelRoute,
  getChannelRoute,
  listChannelsRoute,
  testChannelRoute,
  updateChannelRoute,
} from './alerts/channel-routes.ts';
import { getDeliveryRoute, listDeliveriesRoute } from './alerts/delivery-routes.ts';
import { batchEventsRoute } from './batches/batch-events.ts';
import { batchTestRoute } from './batches/batch-test.ts';
import { getBatchRoute } from './batches/get-batch.ts';
import { startBatchRoute } from './batches/start-batch.ts';
import { connectionActionRoute } from './connections/connection-action.ts';
import { createConnectionRoute } from './connections/create-connection.ts';
import { deleteConnectionRoute } from './connections/delete-connection.ts';
import { getConnectionRoute } from './connections/get-connection.ts';
import { listConnectionsRoute } from './connections/list-connections.ts';
import { testConnectionRoute } from './connections/test-connection.ts';
import { updateConnectionRoute } from './connections/update-connection.ts';
import { getHealthRoute } from './health/get-health.ts';
import { getStatusRoute } from './system/get-status.ts';

export const API_ROUTES: readonly ApiRoute[] = [
  listConnectionsRoute,
  createConnectionRoute,
  getHealthRoute,
  batchTestRoute,
  startBatchRoute,
  getBatchRoute,
  batchEventsRoute,
  getConnectionRoute,
  updateConnectionRoute,
  deleteConnectionRoute,
  testConnectionRoute,
  connectionActionRoute('enable'),
  connectionActionRoute('disable'),
  connectionActionRoute('pause'),
  connectionActionRoute('resume'),
  getStatusRoute,
  listChannelsRoute,
  createChannelRoute,
  listDeliveriesRoute,
  getDeliveryRoute,
  getChannelRoute,
  updateChannelRoute,
  deleteChannelRoute,
  testChannelRoute,
];
