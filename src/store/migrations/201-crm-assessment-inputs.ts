import type { Migration } from './migration.js';

/**
 * The EU criticality assessment's per-material parameters that the supply-share tables do not hold (bundled
 * reference table `reference/eu-crm-2023-sr-inputs.csv`, loaded as dataset `ref:crm_assessment_inputs`):
 * per material × stage, the published stage SR, which supply scopes the study used (`gs+eu`, `gs`, `eu`),
 * import reliance, EoL-RIR, SI_SR, SI_EI (fractions) and whether the stage is the material's bottleneck.
 * Individual materials only: the HREE, LREE and PGM groups are the means of their members (docs/methods.md §5).
 */
export const crmAssessmentInputs: Migration = {
  version: 201,
  name: 'crm assessment inputs',
  sql: `
    CREATE TABLE crm_assessment_inputs (
      material_id VARCHAR NOT NULL,
      edition INTEGER NOT NULL,
      stage VARCHAR NOT NULL CHECK (stage IN ('extraction', 'processing')),
      scope VARCHAR CHECK (scope IN ('gs+eu', 'gs', 'eu')),
      sr_published DOUBLE,
      import_reliance DOUBLE,
      eol_rir DOUBLE,
      si_sr DOUBLE,
      si_ei DOUBLE,
      bottleneck BOOLEAN NOT NULL,
      material_sr DOUBLE,
      material_ei DOUBLE,
      note VARCHAR,
      source VARCHAR NOT NULL,
      locator VARCHAR NOT NULL,
      source_year INTEGER NOT NULL,
      PRIMARY KEY (material_id, edition, stage)
    );`,
};
