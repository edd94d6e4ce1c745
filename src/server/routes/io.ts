import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { ioMultipliers } from '../../analyses/io-multipliers.js';
import { parseCuts, shockImpact } from '../../analyses/shock.js';
import type { Db } from '../../store/db.js';
import { respond } from '../respond.js';
import { errorResponses, FormatQuery, jsonContent, ResultSchema } from '../result-schema.js';

const table = z
  .string()
  .min(1)
  .max(200)
  .openapi({ description: 'IO table: DATASET or DATASET/TABLE, e.g. oecd-iot:BEL2020' });
const solver = z
  .enum(['auto', 'dense', 'iterative'])
  .default('auto')
  .openapi({ description: 'dense LU or iterative (auto: dense up to 800 industries)' });
const cuts = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : v.split(',')))
  .openapi({ description: 'CODE=FRACTION, repeated or comma-separated, e.g. 24B=0.5,HS:8112=1' });

/** Input–output: multipliers and import/export-stop shocks (docs/methods.md §2). */
export function registerIoRoutes(app: OpenAPIHono, db: Db): void {
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/io/multipliers',
      summary: 'Output and value-added multipliers, linkages and hypothetical extraction per industry of an IO table',
      request: { query: z.object({ table, region: z.string().max(8).optional(), solver, format: FormatQuery }) },
      responses: { 200: jsonContent(ResultSchema, 'one row per industry'), ...errorResponses },
    }),
    async (c) => {
      const q = c.req.valid('query');
      return respond(
        c,
        await ioMultipliers(db, { table: q.table, region: q.region, solver: q.solver }),
        q.format,
      ) as never;
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/io/shock',
      summary: 'Value added lost when imports or exports of given products stop',
      request: {
        query: z.object({
          table,
          imports_cut: cuts,
          exports_cut: cuts,
          region: z.string().max(8).optional(),
          variant: z.enum(['leontief_fixed_prop', 'ghosh']).optional(),
          upstream: z.enum(['true', 'false']).optional(),
          downstream: z.enum(['true', 'false']).optional(),
          solver,
          format: FormatQuery,
        }),
      },
      responses: {
        200: jsonContent(ResultSchema, 'summary rows (all, manufacturing) then one row per industry'),
        ...errorResponses,
      },
    }),
    async (c) => {
      const q = c.req.valid('query');
      const r = await shockImpact(db, {
        table: q.table,
        importCuts: parseCuts(q.imports_cut, 'imports_cut'),
        exportCuts: parseCuts(q.exports_cut, 'exports_cut'),
        region: q.region,
        variant: q.variant,
        upstream: q.upstream === undefined ? undefined : q.upstream === 'true',
        downstream: q.downstream === undefined ? undefined : q.downstream === 'true',
        solver: q.solver,
      });
      return respond(c, r, q.format) as never;
    },
  );
}
