export { createClickHouseHttpRoutes } from './routes.js';
export type { ClickHouseHttpRoutesOptions } from './routes.js';
