import { defineRoute } from '../../route.ts';
import { healthQuerySchema } from '../../schemas/filters.ts';
import { healthReportSchema } from '../../schemas/reports.ts';
import { errorResponses, READ_ERRORS } from '../responses.ts';

export const getHealthRoute = defineRoute(
  {
    method: 'get',
    path: '/api/settings/connections/health',
    operationId: 'getHealth',
    summary: 'Health and metrics of connections (one id, an exchange or an API type)',
    tag: 'health',
    access: 'viewer',
    query: healthQuerySchema,
    responses: {
      200: { description: "The seed's health report", schema: healthReportSchema },
      ...errorResponses(...READ_ERRORS, 404),
    },
  },
  async (c, { query: { api_type, ...query } }, deps) =>
    c.json(await deps.coordinator.getHealth({ ...query, apiType: query.apiType ?? api_type })),
);
