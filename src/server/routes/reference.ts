import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { datasetsOverview } from '../../analyses/datasets.js';
import { listsOverview } from '../../analyses/lists.js';
import { materialInfo } from '../../analyses/material-info.js';
import { materialsOnList } from '../../analyses/materials-on-list.js';
import type { Db } from '../../store/db.js';
import { respond } from '../respond.js';
import { errorResponses, FormatQuery, jsonContent, ResultSchema } from '../result-schema.js';

const json = jsonContent;
const errors = errorResponses;

/** Lists, materials and the dataset registry: reference data, cacheable. */
export function registerReferenceRoutes(app: OpenAPIHono, db: Db): void {
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/lists',
      summary: 'Critical and strategic raw material lists, per edition and jurisdiction',
      request: { query: z.object({ format: FormatQuery }) },
      responses: { 200: json(ResultSchema, 'lists with item counts') },
    }),
    async (c) => {
      c.header('cache-control', 'public, max-age=300');
      return respond(c, await listsOverview(db), c.req.valid('query').format) as never;
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/materials',
      summary: 'Materials on one list edition, with published SR/EI and sources',
      request: {
        query: z.object({
          list: z.string().default('eu-crm').openapi({ description: 'list id, e.g. eu-crm, crma-strategic, be-crm' }),
          edition: z.string().optional().openapi({ description: 'edition, e.g. 2023 (default: the latest)' }),
          format: FormatQuery,
        }),
      },
      responses: { 200: json(ResultSchema, 'one row per listed material'), ...errors },
    }),
    async (c) => {
      const q = c.req.valid('query');
      c.header('cache-control', 'public, max-age=300');
      return respond(c, await materialsOnList(db, { list: q.list, edition: q.edition }), q.format) as never;
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/materials/{material}',
      summary: 'One material: SR/EI history, lists by edition, technologies, sources',
      request: { params: z.object({ material: z.string().min(1).max(80) }) },
      responses: { 200: json(ResultSchema, 'SR/EI history in rows, plus material, listings, technologies'), ...errors },
    }),
    async (c) => c.json(await materialInfo(db, c.req.valid('param').material), 200) as never,
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/datasets',
      summary: 'The dataset registry: provenance of everything in the store',
      request: { query: z.object({ format: FormatQuery }) },
      responses: { 200: json(ResultSchema, 'one row per dataset') },
    }),
    async (c) => respond(c, await datasetsOverview(db), c.req.valid('query').format) as never,
  );
}
