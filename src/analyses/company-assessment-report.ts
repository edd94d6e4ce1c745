/**
 * The company risk-assessment report as HTML (one self-contained page) and XLSX (Summary, Materials, Mapping,
 * Unmapped, Restrictions, Parameters, Sources). Both are written next to each other atomically: into temporary
 * names first, renamed only when both are complete, so a failed run leaves no report behind.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import ExcelJS from 'exceljs';
import { UserError } from '../domain/errors.js';
import type { CompanyAssessment } from './company-assessment.js';

const esc = (v: unknown) =>
  String(v ?? '').replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string,
  );

function fmt(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number')
    return Number.isInteger(v) ? v.toLocaleString('en-GB') : v.toLocaleString('en-GB', { maximumFractionDigits: 3 });
  if (typeof v === 'boolean') return v ? 'yes' : 'no';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  return typeof v === 'object' ? JSON.stringify(v) : String(v);
}

function table(headers: string[], rows: unknown[][]): string {
  return `<table><thead><tr>${headers.map((h) => `<th>${esc(h)}</th>`).join('')}</tr></thead><tbody>${rows
    .map(
      (r) => `<tr>${r.map((c) => `<td${typeof c === 'number' ? ' class="n"' : ''}>${esc(fmt(c))}</td>`).join('')}</tr>`,
    )
    .join('')}</tbody></table>`;
}

/** One self-contained HTML page (no scripts, no external assets). */
export function renderAssessmentHtml(a: CompanyAssessment): string {
  const r = a.result;
  const materialCols = r.columns.map((c) => c.name);
  const params = Object.entries(r.method.params);
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Raw-material risk assessment – ${esc(a.label)}</title>
<style>body{font:14px/1.4 system-ui,sans-serif;margin:2em;color:#222}table{border-collapse:collapse;margin:.5em 0 1.5em}
th,td{border:1px solid #ccc;padding:3px 6px;text-align:left}td.n{text-align:right}th{background:#f2f2f2}
.score{font-size:1.6em;font-weight:600}.warn{color:#8a5300}</style></head><body>
<h1>Raw-material supply risk assessment</h1>
<p>CRMA (Regulation (EU) 2024/1252) Art. 24(2): (a) mapping of the raw materials in the purchases, (b) factors that could
affect their supply, (c) vulnerability. File <b>${esc(a.label)}</b>${a.sha256 ? ` (sha256 ${esc(a.sha256.slice(0, 16))}…)` : ''},
${a.totals.lines} purchase lines, restrictions as of ${esc(a.asOf)}.</p>
<p class="score">Vulnerability score: ${a.score === null ? 'not computable' : a.score.toFixed(3)} <small>(0 = low, 1 = high; value-weighted over materials)</small></p>
<p>Value of mapped purchases: ${fmt(a.totals.mappedValueEur)} EUR of ${fmt(a.totals.valueEur)} EUR.</p>
${r.warnings.length ? `<h2>Warnings</h2><ul>${r.warnings.map((w) => `<li class="warn">${esc(w)}</li>`).join('')}</ul>` : ''}
<h2>Materials and risk factors</h2>
${table(
  materialCols,
  r.rows.map((row) => materialCols.map((c) => row[c])),
)}
<h2>Export restrictions in force on these materials from the company's origins</h2>
${
  a.restrictions.length
    ? table(
        ['event', 'country', 'material', 'measure', 'effective'],
        a.restrictions.map((x) => [x.event_id, x.country_iso3, x.material_id, x.measure, x.effective]),
      )
    : '<p>None.</p>'
}
<h2>Mapping of purchase lines</h2>
${table(
  ['line', 'code', 'origin', 'value_eur', 'quantity_kg', 'materials', 'stages'],
  a.mapping.map((m) => [m.line, m.code, m.origin, m.value_eur, m.quantity_kg, m.materials, m.stages]),
)}
<h2>Codes mapped to no raw material</h2>
${
  a.unmapped.length
    ? table(
        ['code', 'lines', 'value_eur', 'first line'],
        a.unmapped.map((u) => [u.code, u.lines, u.value_eur, u.first_line]),
      )
    : '<p>None.</p>'
}
<h2>Method and parameters</h2>
<p>${esc(r.method.id)} v${esc(r.method.version)} (${esc(r.method.spec ?? '')}). Parameters marked <i>assumed</i> are our
operationalisation: the Regulation names the steps, not a formula.</p>
${table(
  ['parameter', 'value', 'assumed', 'description'],
  params.map(([k, p]) => [k, p.value, p.assumed, p.description ?? '']),
)}
<h2>Sources</h2>
${table(
  ['dataset', 'source', 'vintage', 'licence'],
  r.provenance.map((p) => [p.dataset, p.source, p.vintage, p.licence]),
)}
</body></html>
`;
}

/** The workbook, as bytes. */
export async function renderAssessmentXlsx(a: CompanyAssessment): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Radar';
  const sheet = (name: string, headers: string[], rows: unknown[][]) => {
    const ws = wb.addWorksheet(name);
    ws.addRow(headers).font = { bold: true };
    for (const r of rows)
      ws.addRow(
        r.map((v) =>
          v === null || v === undefined ? null : typeof v === 'object' && !(v instanceof Date) ? JSON.stringify(v) : v,
        ),
      );
    ws.columns.forEach((c) => {
      c.width = 16;
    });
  };
  sheet(
    'Summary',
    ['item', 'value'],
    [
      ['file', a.label],
      ['sha256', a.sha256],
      ['purchase lines', a.totals.lines],
      ['value (EUR)', a.totals.valueEur],
      ['mapped value (EUR)', a.totals.mappedValueEur],
      ['vulnerability score (0–1)', a.score],
      ['restrictions as of', a.asOf],
      ...a.result.warnings.map((w) => ['warning', w]),
    ],
  );
  const cols = a.result.columns.map((c) => c.name);
  sheet(
    'Materials',
    cols,
    a.result.rows.map((r) => cols.map((c) => r[c])),
  );
  sheet(
    'Mapping',
    ['line', 'code', 'origin', 'value_eur', 'quantity_kg', 'materials', 'stages'],
    a.mapping.map((m) => [m.line, m.code, m.origin, m.value_eur, m.quantity_kg, m.materials, m.stages]),
  );
  sheet(
    'Unmapped',
    ['code', 'lines', 'value_eur', 'first_line'],
    a.unmapped.map((u) => [u.code, u.lines, u.value_eur, u.first_line]),
  );
  sheet(
    'Restrictions',
    ['event', 'country', 'material', 'measure', 'effective'],
    a.restrictions.map((x) => [x.event_id, x.country_iso3, x.material_id, x.measure, x.effective]),
  );
  sheet(
    'Parameters',
    ['parameter', 'value', 'assumed', 'description'],
    Object.entries(a.result.method.params).map(([k, p]) => [k, p.value, p.assumed, p.description ?? '']),
  );
  sheet(
    'Sources',
    ['dataset', 'source', 'vintage', 'url', 'sha256', 'licence'],
    a.result.provenance.map((p) => [p.dataset, p.source, p.vintage, p.url, p.sha256, p.licence]),
  );
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/**
 * Write `<name>.html` and `<name>.xlsx` into `dir`; both appear, or neither. Returns the two paths.
 * @example await writeAssessmentReport(a, 'out') // ['out/purchases-assessment.html', 'out/purchases-assessment.xlsx']
 */
export async function writeAssessmentReport(a: CompanyAssessment, dir: string): Promise<string[]> {
  const name = `${basename(a.label, extname(a.label))}-assessment`;
  try {
    mkdirSync(dir, { recursive: true });
  } catch (error) {
    throw new UserError(`cannot create the output folder ${dir} (${(error as NodeJS.ErrnoException).code})`);
  }
  const html = renderAssessmentHtml(a);
  const xlsx = await renderAssessmentXlsx(a);
  const tag = randomBytes(4).toString('hex');
  const targets = [join(dir, `${name}.html`), join(dir, `${name}.xlsx`)];
  const temps = targets.map((t) => `${t}.${tag}.tmp`);
  const renamed: string[] = [];
  try {
    writeFileSync(temps[0], html);
    writeFileSync(temps[1], xlsx);
    for (const [i, t] of temps.entries()) {
      renameSync(t, targets[i]);
      renamed.push(targets[i]);
    }
  } catch (error) {
    for (const t of [...temps, ...renamed]) rmSync(t, { force: true });
    throw new UserError(
      `could not write the report into ${dir} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); nothing was written`,
    );
  }
  return targets;
}
