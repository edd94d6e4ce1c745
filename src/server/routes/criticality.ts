import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { supplyConcentrationOf } from '../../analyses/concentration.js';
import { criticality } from '../../analyses/criticality.js';
import type { Db } from '../../store/db.js';
import { respond } from '../respond.js';
import { errorResponses, FormatQuery, jsonContent, ResultSchema } from '../result-schema.js';

/**
 * EU criticality and supply concentration (docs/methods.md §5, §0.1). The query parameters mirror the CLI flags;
 * their texts are the analyses' own zod descriptions. With `uncertainty`, the JSON also carries `sensitivity`
 * (a nested Result) and `summary`; `format=csv` gives the rows only.
 */
const flag = z
  .enum(['true', 'false'])
  .optional()
  .transform((v) => (v === undefined ? undefined : v === 'true'));

export function registerCriticalityRoutes(app: OpenAPIHono, db: Db): void {
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/criticality',
      summary:
        "EU criticality verdicts: published, recomputed from inputs, from a country's sourcing, with P(critical)",
      request: {
        query: z.object({
          edition: z
            .string()
            .optional()
            .openapi({ description: 'EU assessment edition (default 2023)', example: '2023' }),
          mode: z
            .enum(['published', 'recompute'])
            .optional()
            .openapi({ description: 'published (default) or recompute' }),
          perspective: z.string().max(3).optional().openapi({ description: "a country's own sourcing, e.g. BEL" }),
          uncertainty: z.string().optional().openapi({ description: 'Monte Carlo draws, e.g. 10000' }),
          seed: z.string().optional().openapi({ description: 'Monte Carlo seed (default 1)' }),
          sr: z.string().max(20).optional().openapi({ description: 'SR threshold with operator (default ">=1")' }),
          ei: z.string().max(20).optional().openapi({ description: 'EI threshold with operator (default ">=2.8")' }),
          strategicRule: flag.openapi({ description: 'strategic materials are critical whatever their scores' }),
          wgiYears: z.string().max(40).optional().openapi({ description: 'WGI years, e.g. 2016-2020 (default)' }),
          tradeYears: z.string().max(40).optional().openapi({ description: 'perspective: years of imports' }),
          format: FormatQuery,
        }),
      },
      responses: {
        200: jsonContent(ResultSchema, 'one row per assessed material; summary; sensitivity with uncertainty'),
        ...errorResponses,
      },
    }),
    async (c) => {
      const q = c.req.valid('query');
      const r = await criticality(db, {
        edition: q.edition ?? 2023,
        mode: q.mode,
        perspective: q.perspective,
        uncertainty: q.uncertainty,
        seed: q.seed,
        sr: q.sr,
        ei: q.ei,
        strategicRule: q.strategicRule,
        wgiYears: q.wgiYears,
        tradeYears: q.tradeYears,
      });
      return respond(c, r, q.format) as never;
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/concentration/{material}',
      summary:
        'Supply concentration of a material by stage and year: shares, HHI, top-1/top-3, single point of failure',
      request: {
        params: z.object({ material: z.string().min(1).max(80) }),
        query: z.object({
          stage: z.enum(['extraction', 'processing']).optional(),
          year: z.string().optional().openapi({ description: 'year of production data (default: latest per source)' }),
          source: z.enum(['eu-crm-study', 'wmd', 'usgs-mcs']).optional(),
          spof: z.string().max(20).optional().openapi({ description: 'top-1 share threshold, e.g. ">0.5"' }),
          format: FormatQuery,
        }),
      },
      responses: {
        200: jsonContent(ResultSchema, 'one row per source, stage, scope and year; suppliers in `suppliers`'),
        ...errorResponses,
      },
    }),
    async (c) => {
      const q = c.req.valid('query');
      const r = await supplyConcentrationOf(db, {
        material: c.req.valid('param').material,
        stage: q.stage,
        year: q.year,
        source: q.source,
        spof: q.spof,
      });
      return respond(c, r, q.format) as never;
    },
  );
}
