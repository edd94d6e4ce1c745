import { z } from '@hono/zod-openapi';

/** The Result shape in the OpenAPI document (src/domain/result.ts is the type). */
export const ResultSchema = z
  .object({
    columns: z.array(
      z.object({
        name: z.string(),
        type: z.string(),
        unit: z.string().optional(),
        description: z.string().optional(),
      }),
    ),
    rows: z.array(z.record(z.string(), z.unknown())),
    provenance: z.array(
      z.object({
        dataset: z.string(),
        source: z.string(),
        vintage: z.string().nullable(),
        url: z.string().nullable(),
        sha256: z.string().nullable(),
        licence: z.string().nullable(),
      }),
    ),
    method: z.object({
      id: z.string(),
      version: z.string(),
      params: z.record(
        z.string(),
        z.object({ value: z.unknown(), assumed: z.boolean(), description: z.string().optional() }),
      ),
      spec: z.string().optional(),
    }),
    warnings: z.array(z.string()),
  })
  .openapi('Result');

export const ErrorSchema = z
  .object({ error: z.string(), detail: z.string().optional(), hint: z.string().optional() })
  .openapi('Error');

export const FormatQuery = z
  .enum(['json', 'csv'])
  .optional()
  .openapi({ description: 'response format (default json; csv gives the rows only)' });

/** An OpenAPI response entry with a JSON body. */
export const jsonContent = (schema: z.ZodType, description: string) => ({
  content: { 'application/json': { schema } },
  description,
});

export const errorResponses = {
  400: jsonContent(ErrorSchema, 'invalid parameter'),
  404: jsonContent(ErrorSchema, 'unknown list, edition, material or dataset'),
};
