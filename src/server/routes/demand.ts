import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { crmaBenchmarks } from '../../analyses/benchmarks.js';
import { demandByTechnology, demandProjection } from '../../analyses/demand.js';
import type { Db } from '../../store/db.js';
import { respond } from '../respond.js';
import { errorResponses, FormatQuery, jsonContent, ResultSchema } from '../result-schema.js';

const Scenario = z
  .enum(['STEPS', 'APS', 'NZE', 'all'])
  .default('all')
  .openapi({ description: 'IEA scenario (the observed base year comes with every scenario)' });
const Material = z.string().min(1).max(80).openapi({
  description: 'mineral: lithium, graphite (all grades), cobalt, nickel, rare earths, copper, …',
  example: 'lithium',
});
const Year = z.coerce.number().int().min(1990).max(2100);

/** Clean-tech material demand (IEA scenarios) and the CRM Act benchmarks; both read the store only. */
export function registerDemandRoutes(app: OpenAPIHono, db: Db): void {
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/demand',
      summary: 'Demand for one mineral by IEA scenario and year: multiple of the base year, demand ÷ world production',
      request: {
        query: z.object({
          material: Material,
          scenario: Scenario,
          scope: z
            .enum(['total', 'clean-tech'])
            .optional()
            .openapi({ description: 'all uses (default) or clean tech only' }),
          technology: z.string().max(40).optional().openapi({ description: 'one technology: solar-pv, wind, ev, …' }),
          production_stage: z
            .enum(['mining', 'refining'])
            .optional()
            .openapi({ description: 'world supply stage (default mining)' }),
          base_year: Year.optional().openapi({
            description: 'base year of the multiples (default: the observed year)',
          }),
          dataset: z.string().max(80).optional().openapi({ description: 'iea-cm dataset id (default: latest)' }),
          format: FormatQuery,
        }),
      },
      responses: { 200: jsonContent(ResultSchema, 'one row per scenario and year'), ...errorResponses },
    }),
    async (c) => {
      const q = c.req.valid('query');
      const result = await demandProjection(db, {
        material: q.material,
        scenario: q.scenario,
        scope: q.scope,
        technology: q.technology,
        productionStage: q.production_stage,
        baseYear: q.base_year,
        dataset: q.dataset,
      });
      return respond(c, result, q.format) as never;
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/demand/technologies',
      summary: 'Competition between technologies for one mineral: shares of demand and of its growth',
      request: {
        query: z.object({
          material: Material,
          scenario: Scenario,
          year: Year.optional().openapi({ description: 'one year only' }),
          dataset: z.string().max(80).optional(),
          format: FormatQuery,
        }),
      },
      responses: { 200: jsonContent(ResultSchema, 'one row per scenario, year and technology'), ...errorResponses },
    }),
    async (c) => {
      const q = c.req.valid('query');
      const result = await demandByTechnology(db, {
        material: q.material,
        scenario: q.scenario,
        year: q.year,
        dataset: q.dataset,
      });
      return respond(c, result, q.format) as never;
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/benchmarks',
      summary: 'CRM Act 2030 benchmarks per strategic raw material, with the basis and proxy of every value',
      request: {
        query: z.object({
          material: z
            .string()
            .min(1)
            .max(80)
            .optional()
            .openapi({ description: 'one material (default: all strategic)' }),
          eu_date: z
            .string()
            .regex(/^\d{4}-\d{2}-\d{2}$/)
            .optional()
            .openapi({ description: 'EU membership date' }),
          format: FormatQuery,
        }),
      },
      responses: { 200: jsonContent(ResultSchema, 'one row per material, benchmark and stage'), ...errorResponses },
    }),
    async (c) => {
      const q = c.req.valid('query');
      return respond(c, await crmaBenchmarks(db, { material: q.material, euDate: q.eu_date }), q.format) as never;
    },
  );
}
