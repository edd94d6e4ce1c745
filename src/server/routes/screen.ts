import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { dependencyScreen } from '../../analyses/screen.js';
import { ScreenOptionsSchema } from '../../analyses/screen-options.js';
import { loadScreen, savedScreens } from '../../analyses/screen-saved.js';
import {
  type ScreenSelection,
  screenOverlap,
  screenView,
  screenViews,
  selectRows,
} from '../../analyses/screen-views.js';
import { tradeFactsheet } from '../../analyses/trade-factsheet.js';
import type { Db } from '../../store/db.js';
import { respond } from '../respond.js';
import { errorResponses, FormatQuery, jsonContent, ResultSchema } from '../result-schema.js';

/**
 * Product screening and trade factsheets. The store is read-only here: saving a screen is a CLI action
 * (`radar screen … --save NAME`); the API runs screens, reads saved ones and compares them.
 */
const Only = z
  .enum(['dependent', 'strategic', 'all'])
  .optional()
  .describe('rows shown or counted (default: strategic when a list is given, else dependent)');
const View = z
  .enum(screenViews)
  .optional()
  .describe('products (default), summary, suppliers, segments, supplier-segments, stages, churn');
const list = (text?: string) =>
  text
    ? text
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
    : undefined;

const ScreenQuery = ScreenOptionsSchema.omit({ dataset: true, mainPartnerExtra: true }).extend({
  dataset: z.string().optional().describe('trade dataset id(s), comma-separated'),
  mainPartnerExtra: z.enum(['true', 'false']).optional().describe('also require the main partner outside the EU'),
  only: Only,
  by: View,
  format: FormatQuery,
});

export function registerScreenRoutes(app: OpenAPIHono, db: Db): void {
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/screen',
      summary: 'Run a product dependency screen (EC 2021, NBB 2024, FPB 2024, GeoDep, MERICS) or one of its breakdowns',
      request: { query: ScreenQuery },
      responses: {
        200: jsonContent(ResultSchema, 'one row per product (or per group of the breakdown)'),
        ...errorResponses,
      },
    }),
    async (c) => {
      const { only, by, format, dataset, mainPartnerExtra, ...options } = c.req.valid('query');
      const products = await dependencyScreen(db, {
        ...options,
        dataset: list(dataset),
        mainPartnerExtra: mainPartnerExtra === undefined ? undefined : mainPartnerExtra === 'true',
      });
      return respond(c, await shape(db, products, by, only), format) as never;
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/screens',
      summary: 'Saved screens',
      request: { query: z.object({ format: FormatQuery }) },
      responses: { 200: jsonContent(ResultSchema, 'one row per saved screen') },
    }),
    async (c) => respond(c, await savedScreens(db), c.req.valid('query').format) as never,
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/screens/{id}',
      summary: 'A saved screen, or a breakdown of it, or its overlap with another saved screen',
      request: {
        params: z.object({ id: z.string().min(1).max(64) }),
        query: z.object({
          by: View,
          only: Only,
          compare: z.string().max(64).optional().describe('id of another saved screen: overlap of the two lists'),
          format: FormatQuery,
        }),
      },
      responses: { 200: jsonContent(ResultSchema, 'the saved Result, a breakdown or an overlap'), ...errorResponses },
    }),
    async (c) => {
      const q = c.req.valid('query');
      const products = await loadScreen(db, c.req.valid('param').id);
      if (q.compare)
        return respond(c, screenOverlap(products, await loadScreen(db, q.compare), q.only, q.only), q.format) as never;
      return respond(c, await shape(db, products, q.by, q.only), q.format) as never;
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/trade/{material}',
      summary: 'Trade factsheet of a material: tonnes, value per kg, partner shares, import:export ratio by year',
      request: {
        params: z.object({ material: z.string().min(1).max(80) }),
        query: z.object({
          reporter: z.string().optional().describe('EU27 (default) or a country'),
          years: z.string().optional().describe('a year, range or list (default: every year in the data)'),
          partners: z.enum(['extra', 'all']).optional().describe('extra (outside the EU; default) or all'),
          stage: z.string().optional().describe('extraction, processing, manufacturing or all'),
          by: z.enum(['year', 'partner']).optional(),
          top: z.coerce.number().int().min(1).max(100).optional().describe('partners per year with by=partner'),
          source: z.string().optional(),
          format: FormatQuery,
        }),
      },
      responses: { 200: jsonContent(ResultSchema, 'one row per year and stage (or per partner)'), ...errorResponses },
    }),
    async (c) => {
      const { format, ...q } = c.req.valid('query');
      return respond(c, await tradeFactsheet(db, c.req.valid('param').material, q), format) as never;
    },
  );
}

async function shape(
  db: Db,
  products: Awaited<ReturnType<typeof dependencyScreen>>,
  by?: (typeof screenViews)[number],
  only?: ScreenSelection,
) {
  if (by && by !== 'products') return screenView(db, products, by, only);
  const selection = only ?? (products.method.params.strategic_list?.value ? 'strategic' : 'dependent');
  return { ...products, rows: selectRows(products, selection) };
}
