import { registry } from './001-registry.js';
import { reference } from './002-reference.js';
import { tradeFlows } from './100-trade-flows.js';
import { euCrmStudy } from './101-eu-crm-study.js';
import { wgi } from './102-wgi.js';
import { production } from './103-production.js';
import { usgsMcs } from './104-usgs-mcs.js';
import { tradeFlowsTradeType } from './120-trade-flows-trade-type.js';
import { hsCodes } from './121-hs-codes.js';
import { cnConcordance } from './122-cn-concordance.js';
import { hsConversion } from './123-hs-conversion.js';
import { hsBec } from './124-hs-bec.js';
import { crmAssessmentInputs } from './201-crm-assessment-inputs.js';
import { screenResults } from './300-screen-results.js';
import { ioTables } from './400-io-tables.js';
import { ieaCm } from './500-iea-cm.js';
import { leversReference } from './600-levers-reference.js';
import { jointPurchase } from './700-joint-purchase.js';
import { savedScenarios } from './701-saved-scenarios.js';
import { companyUploads } from './702-company-uploads.js';
import type { Migration } from './migration.js';

export type { Migration } from './migration.js';

/** Every migration, in the order they apply. */
export const migrations: Migration[] = [
  registry,
  reference,
  tradeFlows,
  tradeFlowsTradeType,
  hsCodes,
  cnConcordance,
  hsConversion,
  hsBec,
  ieaCm,
  euCrmStudy,
  wgi,
  production,
  usgsMcs,
  crmAssessmentInputs,
  ioTables,
  screenResults,
  leversReference,
  jointPurchase,
  savedScenarios,
  companyUploads,
  // one line per migration file; keep the version ranges of migration.ts
].sort((a, b) => a.version - b.version);
