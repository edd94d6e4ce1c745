import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import {
  countryCatalogue,
  factTable,
  materialCatalogue,
  srEiHistory,
  technologyCatalogue,
} from '../../analyses/reference-tables.js';
import type { Db } from '../../store/db.js';
import { respond } from '../respond.js';
import { errorResponses, FormatQuery, jsonContent, ResultSchema } from '../result-schema.js';

/** Whole reference tables (published SR/EI, materials, countries, technologies, facts): cacheable. */
export function registerReferenceTableRoutes(app: OpenAPIHono, db: Db): void {
  const simple = [
    {
      path: '/api/reference/materials',
      summary: 'All materials and groups, with English, Dutch and French names',
      read: () => materialCatalogue(db),
    },
    {
      path: '/api/reference/countries',
      summary: 'Countries with ISO3, ISO2 and M49 codes and English, Dutch and French names',
      read: () => countryCatalogue(db),
    },
    {
      path: '/api/reference/technologies',
      summary: 'The JRC strategic technologies and their sectors',
      read: () => technologyCatalogue(db),
    },
  ];
  for (const route of simple) {
    app.openapi(
      createRoute({
        method: 'get',
        path: route.path,
        summary: route.summary,
        request: { query: z.object({ format: FormatQuery }) },
        responses: { 200: jsonContent(ResultSchema, 'one row per entry') },
      }),
      async (c) => {
        c.header('cache-control', 'public, max-age=300');
        return respond(c, await route.read(), c.req.valid('query').format) as never;
      },
    );
  }

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/reference/sr-ei',
      summary: 'Published supply risk and economic importance of every assessed material, EU editions 2011–2023',
      request: {
        query: z.object({
          edition: z.coerce
            .number()
            .int()
            .optional()
            .openapi({ description: 'one assessment edition, e.g. 2023 (default: all)' }),
          format: FormatQuery,
        }),
      },
      responses: { 200: jsonContent(ResultSchema, 'one row per material and edition'), ...errorResponses },
    }),
    async (c) => {
      const q = c.req.valid('query');
      c.header('cache-control', 'public, max-age=300');
      return respond(c, await srEiHistory(db, { edition: q.edition }), q.format) as never;
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/reference/facts',
      summary: 'Scalar facts from the report and public studies, each with its source',
      request: {
        query: z.object({
          prefix: z.string().max(80).optional().openapi({ description: 'only keys starting with this' }),
          format: FormatQuery,
        }),
      },
      responses: { 200: jsonContent(ResultSchema, 'one row per fact') },
    }),
    async (c) => {
      const q = c.req.valid('query');
      c.header('cache-control', 'public, max-age=300');
      return respond(c, await factTable(db, { prefix: q.prefix }), q.format) as never;
    },
  );
}
