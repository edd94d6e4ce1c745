import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { beCrmImports, beCrmPartners } from '../../analyses/belgium-imports.js';
import type { Db } from '../../store/db.js';
import { respond } from '../respond.js';
import { FormatQuery, jsonContent, ResultSchema } from '../result-schema.js';

/** Belgium's 2023 CRM imports as published in the SERV report (Table 24, data EC RMIS): reference data, cacheable. */
export function registerBelgiumRoutes(app: OpenAPIHono, db: Db): void {
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/belgium/crm-imports',
      summary: 'Belgian imports of critical raw materials in 2023 (SERV report Table 24)',
      request: { query: z.object({ format: FormatQuery }) },
      responses: { 200: jsonContent(ResultSchema, 'one row per material, largest first') },
    }),
    async (c) => {
      c.header('cache-control', 'public, max-age=300');
      return respond(c, await beCrmImports(db), c.req.valid('query').format) as never;
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/belgium/crm-import-partners',
      summary: 'Partners of Belgian critical raw material imports in 2023, as named in the SERV report',
      request: { query: z.object({ format: FormatQuery }) },
      responses: { 200: jsonContent(ResultSchema, 'one row per material and partner') },
    }),
    async (c) => {
      c.header('cache-control', 'public, max-age=300');
      return respond(c, await beCrmPartners(db), c.req.valid('query').format) as never;
    },
  );
}
