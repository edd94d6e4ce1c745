import { basename } from 'node:path';
import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { assessCompany, readUpload, storeUpload } from '../../analyses/company-assessment.js';
import { readPurchases } from '../../analyses/company-assessment-file.js';
import { renderAssessmentHtml, renderAssessmentXlsx } from '../../analyses/company-assessment-report.js';
import {
  aggregateJointPurchase,
  listRegistrations,
  registerDemand,
  registrationAudit,
  withdrawRegistration,
} from '../../analyses/joint-purchase.js';
import { byProductGraph, exportRestrictions } from '../../analyses/restriction-timeline.js';
import { listScenarios, readSavedScenario, runScenario, saveScenario } from '../../analyses/scenario.js';
import { countryResolver } from '../../analyses/scenario-data.js';
import { StockpileOptions, stockpileSizing } from '../../analyses/stockpile.js';
import { UsageError, UserError } from '../../domain/errors.js';
import type { Db } from '../../store/db.js';
import { checkToken, requireToken } from '../auth.js';
import { respond } from '../respond.js';
import { errorResponses, FormatQuery, jsonContent, ResultSchema } from '../result-schema.js';

/**
 * Policy levers (issue 8): stockpile sizing, export-restriction timeline and scenarios, joint purchasing, company
 * risk assessment.
 *
 * Access: GETs of public data are open to all. Writes (joint-purchase registrations, saved scenarios, company
 * uploads) and reads of other parties' data (registrations with buyer names, the audit trail, stored uploads) need
 * `Authorization: Bearer $RADAR_API_TOKEN`; without a configured token they are refused (401).
 *
 * Store access: every route uses the server's one read-write handle (server/main.ts). Writes run in the analyses'
 * own transactions, which the store runs one at a time (store/db.ts); reads see the last committed state.
 */
const xlsxType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const maxUploadBytes = 20 * 1024 * 1024;

const json = jsonContent;
const unauthorized = { 401: json(z.object({ error: z.string() }), 'missing or wrong bearer token') };
const security = [{ bearer: [] as string[] }];

export function registerLeverRoutes(app: OpenAPIHono, db: Db): void {
  app.openAPIRegistry.registerComponent('securitySchemes', 'bearer', { type: 'http', scheme: 'bearer' });
  app.use(
    '/api/levers/company-assessment',
    bodyLimit({
      maxSize: maxUploadBytes,
      onError: (c) => c.json({ error: `upload larger than ${maxUploadBytes} bytes` }, 413),
    }),
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/levers/stockpile',
      summary: 'Stockpile size: CRMA Art. 23 benchmark (daily net imports × days), from trade data or given figures',
      request: { query: StockpileOptions.extend({ format: FormatQuery }) },
      responses: { 200: json(ResultSchema, 'one row: tonnes, value_eur, days'), ...errorResponses },
    }),
    async (c) => {
      const { format, ...q } = c.req.valid('query');
      return respond(c, await stockpileSizing(q.netImportsT !== undefined ? null : db, q), format) as never;
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/levers/export-restrictions',
      summary:
        'Timeline of export restrictions (China Ga/Ge 2023, graphite, 2024 US ban, 2025 W/Te/Bi/Mo/In; Indonesia)',
      request: {
        query: z.object({ material: z.string().optional(), country: z.string().optional(), format: FormatQuery }),
      },
      responses: { 200: json(ResultSchema, 'one row per event × material, with source'), ...errorResponses },
    }),
    async (c) => {
      const q = c.req.valid('query');
      c.header('cache-control', 'public, max-age=300');
      return respond(c, await exportRestrictions(db, { material: q.material, country: q.country }), q.format) as never;
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/levers/by-products',
      summary: 'By-product graph: host metal → companion (Zn→Ge/Ga/In, Cu→Co/Bi/As/Te/Se, bauxite→Ga, Pb→Sb/Bi …)',
      request: { query: z.object({ format: FormatQuery }) },
      responses: { 200: json(ResultSchema, 'one row per edge, with source') },
    }),
    async (c) => respond(c, await byProductGraph(db), c.req.valid('query').format) as never,
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/levers/scenarios/run',
      summary: 'Run a what-if scenario (restriction, diversification, recycling, by-product, shortfall); computes only',
      request: {
        body: { content: { 'application/json': { schema: z.record(z.string(), z.unknown()) } }, required: true },
      },
      responses: { 200: json(ResultSchema, 'the scenario Result'), ...errorResponses },
    }),
    async (c) => c.json(await runScenario(db, c.req.valid('json'), 'scenario'), 200) as never,
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/levers/scenarios',
      summary: 'Saved scenarios',
      request: { query: z.object({ format: FormatQuery }) },
      responses: { 200: json(ResultSchema, 'one row per saved scenario') },
    }),
    async (c) => respond(c, await listScenarios(db), c.req.valid('query').format) as never,
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/levers/scenarios/{id}',
      summary: 'Run a saved scenario',
      request: { params: z.object({ id: z.string().min(1).max(64) }), query: z.object({ format: FormatQuery }) },
      responses: { 200: json(ResultSchema, 'the scenario Result'), ...errorResponses },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const spec = await readSavedScenario(db, id);
      return respond(c, await runScenario(db, spec, id), c.req.valid('query').format) as never;
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/levers/scenarios',
      summary: 'Save a scenario (bearer token)',
      security,
      middleware: [requireToken],
      request: {
        body: {
          content: {
            'application/json': { schema: z.object({ id: z.string(), scenario: z.record(z.string(), z.unknown()) }) },
          },
          required: true,
        },
      },
      responses: { 201: json(ResultSchema, 'the saved scenario'), ...unauthorized, ...errorResponses },
    }),
    async (c) => {
      const actor = checkToken(c);
      if (actor instanceof Response) return actor as never;
      const body = c.req.valid('json');
      return c.json(await saveScenario(db, body.id, body.scenario, { actor }), 201) as never;
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/levers/joint-purchase/aggregate',
      summary:
        'CRMA Art. 25: registered demand aggregated per material × stage × period, with eligibility and minimums',
      request: {
        query: z.object({
          minRelativeSupplyRisk: z.coerce.number().min(0).max(1).optional(),
          defaultMinimumT: z.coerce.number().nonnegative().optional(),
          smePooling: z.enum(['true', 'false']).optional(),
          format: FormatQuery,
        }),
      },
      responses: { 200: json(ResultSchema, 'one row per pool'), ...errorResponses },
    }),
    async (c) => {
      const q = c.req.valid('query');
      const res = await aggregateJointPurchase(db, {
        minRelativeSupplyRisk: q.minRelativeSupplyRisk,
        defaultMinimumT: q.defaultMinimumT,
        smePooling: q.smePooling === undefined ? undefined : q.smePooling === 'true',
      });
      return respond(c, res, q.format) as never;
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/levers/joint-purchase/registrations',
      summary: 'Registrations with buyer names (bearer token)',
      security,
      middleware: [requireToken],
      request: { query: z.object({ status: z.enum(['active', 'withdrawn']).optional(), format: FormatQuery }) },
      responses: { 200: json(ResultSchema, 'registrations'), ...unauthorized },
    }),
    async (c) => {
      const auth = checkToken(c);
      if (auth instanceof Response) return auth as never;
      const q = c.req.valid('query');
      return respond(c, await listRegistrations(db, { status: q.status }), q.format) as never;
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/levers/joint-purchase/registrations',
      summary: 'Register demand: one registration or an array (all or nothing, with audit trail; bearer token)',
      security,
      middleware: [requireToken],
      request: { body: { content: { 'application/json': { schema: z.unknown() } }, required: true } },
      responses: { 201: json(ResultSchema, 'the registrations written'), ...unauthorized, ...errorResponses },
    }),
    async (c) => {
      const actor = checkToken(c);
      if (actor instanceof Response) return actor as never;
      const body = c.req.valid('json');
      const lines = Array.isArray(body) ? body : [body];
      return c.json(await registerDemand(db, lines, { actor }), 201) as never;
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/levers/joint-purchase/registrations/{id}/withdraw',
      summary: 'Withdraw a registration (bearer token)',
      security,
      middleware: [requireToken],
      request: { params: z.object({ id: z.coerce.number().int().positive() }) },
      responses: { 200: json(ResultSchema, 'the registration, withdrawn'), ...unauthorized, ...errorResponses },
    }),
    async (c) => {
      const actor = checkToken(c);
      if (actor instanceof Response) return actor as never;
      const { id } = c.req.valid('param');
      return c.json(await withdrawRegistration(db, id, { actor }), 200) as never;
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/levers/joint-purchase/audit',
      summary: 'Audit trail of the registrations (bearer token)',
      security,
      middleware: [requireToken],
      request: { query: z.object({ registration: z.coerce.number().int().optional(), format: FormatQuery }) },
      responses: { 200: json(ResultSchema, 'audit rows'), ...unauthorized },
    }),
    async (c) => {
      const auth = checkToken(c);
      if (auth instanceof Response) return auth as never;
      const q = c.req.valid('query');
      return respond(c, await registrationAudit(db, { registration: q.registration }), q.format) as never;
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/levers/company-assessment',
      summary:
        'CRMA Art. 24 risk assessment of a purchases file (CSV or XLSX body; bearer token). Stored only when valid',
      security,
      middleware: [requireToken],
      request: {
        query: z.object({
          filename: z
            .string()
            .max(200)
            .default('purchases.csv')
            .openapi({ description: 'file name (its extension picks CSV or XLSX)' }),
          store: z.enum(['true', 'false']).default('false'),
          report: z.enum(['json', 'html', 'xlsx']).default('json'),
          asOf: z
            .string()
            .regex(/^\d{4}-\d{2}-\d{2}$/)
            .optional(),
          country: z
            .string()
            .regex(/^[A-Z]{3}$/)
            .optional(),
        }),
        body: {
          content: {
            'text/csv': { schema: z.string() },
            [xlsxType]: { schema: z.string().openapi({ format: 'binary' }) },
          },
        },
      },
      responses: {
        200: json(ResultSchema, 'the assessment (or the report as HTML/XLSX)'),
        ...unauthorized,
        ...errorResponses,
      },
    }),
    async (c) => {
      const actor = checkToken(c);
      if (actor instanceof Response) return actor as never;
      const q = c.req.valid('query');
      const bytes = Buffer.from(await c.req.arrayBuffer());
      if (bytes.length === 0)
        throw new UserError('empty upload: send the purchases file as the request body', undefined, 400);
      const label = basename(q.filename);
      const purchases = await readPurchases(bytes, label, await countryResolver(db));
      const assessment = await assessCompany(db, purchases, { label, asOf: q.asOf, companyCountry: q.country });
      if (q.store === 'true') {
        const id = await storeUpload(db, purchases, { label, bytes }, actor);
        assessment.result.warnings.push(`upload stored as ${id}`);
        c.header('location', `/api/levers/company-assessment/${id}`);
      }
      return reportResponse(c, assessment, q.report) as never;
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/levers/company-assessment/{id}',
      summary: 'Re-run the assessment of a stored upload (bearer token)',
      security,
      middleware: [requireToken],
      request: {
        params: z.object({ id: z.string().uuid() }),
        query: z.object({
          report: z.enum(['json', 'html', 'xlsx']).default('json'),
          asOf: z
            .string()
            .regex(/^\d{4}-\d{2}-\d{2}$/)
            .optional(),
        }),
      },
      responses: { 200: json(ResultSchema, 'the assessment'), ...unauthorized, ...errorResponses },
    }),
    async (c) => {
      const auth = checkToken(c);
      if (auth instanceof Response) return auth as never;
      const { id } = c.req.valid('param');
      const q = c.req.valid('query');
      const upload = await readUpload(db, id);
      if (!upload) throw new UsageError(`unknown upload: ${id}`, undefined, 404);
      const assessment = await assessCompany(db, upload.rows, {
        label: upload.label,
        sha256: upload.sha256,
        asOf: q.asOf,
      });
      return reportResponse(c, assessment, q.report) as never;
    },
  );
}

async function reportResponse(
  c: Context,
  a: Awaited<ReturnType<typeof assessCompany>>,
  report: 'json' | 'html' | 'xlsx',
) {
  if (report === 'html') return c.html(renderAssessmentHtml(a));
  if (report === 'xlsx') {
    const name = `${basename(a.label).replace(/\.[^.]+$/, '')}-assessment.xlsx`.replace(/[^\w.-]+/g, '-');
    return c.body(new Uint8Array(await renderAssessmentXlsx(a)), 200, {
      'content-type': xlsxType,
      'content-disposition': `attachment; filename="${name}"`,
    });
  }
  return c.json({ ...a.result, mapping: a.mapping, unmapped: a.unmapped, score: a.score }, 200);
}
