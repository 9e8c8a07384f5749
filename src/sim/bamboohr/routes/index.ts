// All /api/* routes. Order matters: literal paths before `:param` ones.
import type { ApiContext } from '../context.js';
import { Router } from '../../common/router.js';
import { registerChangedRoutes } from './changed.js';
import { registerDatasetRoutes } from './datasets.js';
import { registerEmployeeRoutes } from './employee.js';
import { registerMetaRoutes } from './meta.js';
import { registerReportRoutes } from './report.js';
import { registerTableRoutes } from './tables.js';
import { registerWebhookRoutes } from './webhooks.js';

export function apiRouter(): Router<ApiContext> {
  const router = new Router<ApiContext>();
  registerChangedRoutes(router);
  registerTableRoutes(router);
  registerEmployeeRoutes(router);
  registerReportRoutes(router);
  registerDatasetRoutes(router);
  registerMetaRoutes(router);
  registerWebhookRoutes(router);
  return router;
}
