import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { runCli } from '../../src/cli/main.js';
import { startServer } from '../../src/server/main.js';
import { packageRoot } from '../../src/store/package-root.js';
import { realFile } from '../support/real-data.js';
import { captureContext, tempDir } from '../support/store.js';

/**
 * The dashboard in a real browser: Debian's chromium driven by playwright-core, against the real server
 * (startServer on port 0 over a fresh store in a temporary RADAR_DATA_DIR) serving the built web/dist.
 * Every page is opened in English, Dutch and French where it matters, exported from, and broken on purpose.
 * Screenshots go to test-results/screenshots/ (gitignored) for a person to look at.
 */
const chromiumPath = process.env.RADAR_CHROMIUM ?? '/usr/bin/chromium';
const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
];
const built = existsSync(join(packageRoot, 'web', 'dist', 'index.html'));
const skip = !existsSync(chromiumPath)
  ? `chromium not found at ${chromiumPath} (apt-get install chromium, or set RADAR_CHROMIUM)`
  : !built
    ? 'the dashboard is not built (npm run build:web)'
    : false;
if (skip) console.log(`# browser tests skipped: ${skip}`);

const shots = join(packageRoot, 'test-results', 'screenshots');
// The EU CRM 2023 study tables (real data, when present) give the concentration and benchmark pages something to draw.
const studyFiles = [
  'eu-crm-2023/dimension_CRMsOverTime.csv',
  'eu-crm-2023/fact_GlobalSupplyShares&t.csv',
  'eu-crm-2023/fact_EUSupplyShares&t.csv',
  'eu-crm-2023/fact_MaterialUseShares.csv',
].map((f) => (skip ? undefined : realFile(f)));
const study = studyFiles.every(Boolean) ? (studyFiles as string[]) : undefined;
let server: Awaited<ReturnType<typeof startServer>> | undefined;
let browser: Browser | undefined;
let context: BrowserContext;
let data: ReturnType<typeof tempDir>;

before(async () => {
  if (skip) return;
  data = tempDir();
  process.env.RADAR_DATA_DIR = data.dir;
  if (study) {
    const ctx = captureContext(join(data.dir, 'radar.duckdb'));
    const code = await runCli(['import', 'eu-crm-study', ...study], ctx);
    assert.equal(code, 0, `import of the EU CRM study failed: ${ctx.err()}`);
  }
  server = await startServer({ port: 0, host: '127.0.0.1' });
  browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
  context = await browser.newContext({ viewport: { width: 1400, height: 1000 }, acceptDownloads: true });
  mkdirSync(shots, { recursive: true });
});

after(async () => {
  await browser?.close();
  server?.close();
  data?.cleanup();
});

/** A fresh tab on a dashboard path; page errors and console errors are collected for the test to check. */
async function open(path: string): Promise<{ page: Page; errors: string[] }> {
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  await page.goto(new URL(path, server!.url).href);
  return { page, errors };
}

/** The browser logs every 4xx answer; where the page shows the API's message instead, those are expected. */
const withoutHttpErrors = (errors: string[]) => errors.filter((e) => !e.includes('Failed to load resource'));

const rendered = (page: Page, selector = '.chart[data-rendered="true"]') =>
  page.locator(selector).first().waitFor({ timeout: 15_000 });

async function shoot(page: Page, name: string) {
  await page.screenshot({ path: join(shots, `${name}.png`), fullPage: true });
}

test('the overview shows the lists, the SR/EI scatter with its source line, and the EU 2023 table', {
  skip,
}, async () => {
  const { page, errors } = await open('/');
  await page.waitForURL(/\/en\/$/);
  await page.getByRole('heading', { level: 1, name: 'Critical raw materials at a glance' }).waitFor();
  await rendered(page);
  assert.equal(await page.locator('[data-list="eu-crm"] .card-value').textContent(), '34');
  assert.equal(await page.locator('[data-list="crma-strategic"] .card-value').textContent(), '17');
  const table = page.locator('section[aria-label="EU critical raw materials 2023 (34)"]');
  assert.equal(await table.locator('tbody tr').count(), 34);
  const scatter = page.locator('section', { has: page.locator('.chart') }).first();
  assert.match(
    (await scatter.locator('.source-line').textContent()) ?? '',
    /Source: EC, Study on the Critical Raw Materials for the EU 2023.*Method: reference\.sr-ei v1/,
  );
  await shoot(page, 'overview-en');
  assert.deepEqual(errors, []);
  await page.close();
});

test('clicking a material in the table opens its factsheet; the scatter traces a material through 2011–2023', {
  skip,
}, async () => {
  const { page, errors } = await open('/en/?focus=gallium&edition=2017');
  await rendered(page);
  await page.getByText('History of Gallium').waitFor();
  assert.match((await page.locator('.panel-intro').textContent()) ?? '', /thresholds of the method used since 2017/);
  await page.getByRole('button', { name: '2011', exact: true }).click();
  await page.waitForURL(/edition=2011/);
  await page.getByRole('heading', { name: 'Supply risk and economic importance, EU assessment 2011' }).waitFor();
  assert.match((await page.locator('.panel-intro').textContent()) ?? '', /earlier method and scale/);
  await shoot(page, 'overview-2011-gallium');
  await page.getByRole('link', { name: 'Cobalt', exact: true }).click();
  await page.waitForURL(/\/en\/material\/cobalt$/);
  await page.getByRole('heading', { level: 1, name: /Cobalt/ }).waitFor();
  assert.deepEqual(withoutHttpErrors(errors), []);
  await page.close();
});

test('the language switch changes the texts to Dutch and French, with Dutch material and country names', {
  skip,
}, async () => {
  const { page, errors } = await open('/en/belgium');
  await page.getByRole('heading', { level: 1, name: 'Belgium and Flanders' }).waitFor();
  await page.getByRole('link', { name: 'NL', exact: true }).click();
  await page.waitForURL(/\/nl\/belgium$/);
  await page.getByRole('heading', { level: 1, name: 'België en Vlaanderen' }).waitFor();
  assert.equal(await page.evaluate('document.documentElement.lang'), 'nl');
  assert.equal(await page.getByRole('link', { name: 'Overzicht', exact: true }).count(), 1);
  await page.getByRole('link', { name: 'Platinagroepmetalen' }).first().waitFor(); // material name from the API
  await page.getByRole('cell', { name: 'Verenigde Staten' }).waitFor(); // country name from Intl.DisplayNames
  await rendered(page, '.world-map[data-rendered="true"]');
  await rendered(page);
  await shoot(page, 'belgium-nl');
  await page.getByRole('link', { name: 'FR', exact: true }).click();
  await page.waitForURL(/\/fr\/belgium$/);
  await page.getByRole('heading', { level: 1, name: 'Belgique et Flandre' }).waitFor();
  await page.getByRole('cell', { name: 'États-Unis' }).waitFor();
  await page.getByRole('link', { name: 'Métaux du groupe du platine' }).first().waitFor();
  await rendered(page);
  await shoot(page, 'belgium-fr');
  assert.deepEqual(errors, []);
  await page.close();
});

test('the Belgium page shows Table 24, the partners on a world map, the VITO selection and the facts', {
  skip,
}, async () => {
  const { page, errors } = await open('/en/belgium');
  await rendered(page);
  await rendered(page, '.world-map[data-rendered="true"]');
  assert.match((await page.locator('[data-fact="be_crm_imports_2023_total_stated"]').textContent()) ?? '', /4,355\.33/);
  const table24 = page.locator('section[aria-label^="Belgian imports of critical raw materials, 2023"]');
  assert.equal(await table24.locator('tbody tr').count(), 22);
  assert.match((await table24.locator('.warnings').textContent()) ?? '', /sum to 4347\.91/);
  // The partners the report names are coloured on the map: USA (M49 840) and the others.
  assert.notEqual(await page.locator('.world-map path[data-m49="840"]').getAttribute('fill'), '#e9ecf0');
  assert.equal(await page.locator('.world-map path[data-m49="076"]').getAttribute('fill'), '#e9ecf0');
  const vito = page.locator('section[aria-label="The EU 2023 list and the Belgian selection (VITO)"]');
  assert.match((await vito.textContent()) ?? '', /left out for Belgium \(7\).*kept for Belgium \(27\)/);
  const operations = (await (await fetch(new URL('/openapi.json', server!.url))).json()) as { paths: object };
  if ('/api/levers/by-products' in operations.paths) {
    const graph = page.locator('section[aria-label^="By-products"]');
    await graph.locator('.chart[data-rendered="true"]').waitFor();
    assert.match((await graph.locator('.legend').textContent()) ?? '', /main host/);
  }
  await shoot(page, 'belgium-en');
  assert.deepEqual(errors, []);
  await page.close();
});

test('the factsheet shows lists by edition, SR/EI 2011–2023, technologies and sources', { skip }, async () => {
  const { page, errors } = await open('/fr/material/gallium');
  await page.getByRole('heading', { level: 1, name: /Gallium/ }).waitFor();
  await rendered(page);
  const srei = page.locator(
    'section[aria-label="Risque d’approvisionnement et importance économique par évaluation UE"]',
  );
  assert.equal(await srei.locator('tbody tr').count(), 5);
  const listed = await page.locator('.matrix [data-listed="true"]').allTextContents();
  assert.ok(listed.some((t) => t.includes('2023')));
  assert.ok((await page.locator('.matrix tr', { hasText: 'CRMA annexe I :' }).textContent())?.includes('✓'));
  assert.match(
    (await page.locator('.sources').textContent()) ?? '',
    /Study on the Critical Raw Materials for the EU 2023/,
  );
  // Sections fed by imported data: the trade partners note what to import; the concentration map draws the study.
  await page.locator('[data-missing-data="true"]', { hasText: 'no trade data' }).waitFor();
  if (study) await rendered(page, '.world-map[data-rendered="true"]');
  await shoot(page, 'material-gallium-fr');
  const { page: index } = await open('/nl/material');
  await index.getByRole('link', { name: 'Kobalt' }).waitFor();
  await shoot(index, 'material-index-nl');
  await index.close();
  assert.deepEqual(withoutHttpErrors(errors), []);
  await page.close();
});

test('a CSV export downloads the rows the API serves; XLSX is a workbook', { skip }, async () => {
  const { page } = await open('/en/');
  const table = page.locator('section[aria-label="EU critical raw materials 2023 (34)"]');
  await table.locator('tbody tr').first().waitFor();
  const [csv] = await Promise.all([page.waitForEvent('download'), table.locator('[data-export="csv"]').click()]);
  const text = readFileSync((await csv.path())!, 'utf8');
  const lines = text.trim().split('\n');
  assert.equal(lines[0], 'material,name,kind,grade,sr,ei,note,source,locator');
  assert.equal(lines.length, 35);
  assert.ok(lines.some((l) => l.startsWith('gallium,Gallium,material,,3.9,3.7,')));
  const [xlsx] = await Promise.all([page.waitForEvent('download'), table.locator('[data-export="xlsx"]').click()]);
  assert.equal(
    readFileSync((await xlsx.path())!)
      .subarray(0, 2)
      .toString(),
    'PK',
  );
  assert.match(xlsx.suggestedFilename(), /\.xlsx$/);
  const scatter = page.locator('section', { has: page.locator('.chart') }).first();
  await rendered(page);
  const [png] = await Promise.all([page.waitForEvent('download'), scatter.locator('[data-export="png"]').click()]);
  assert.deepEqual([...readFileSync((await png.path())!).subarray(1, 4)], [...Buffer.from('PNG')]);
  await page.close();
});

test('a bad material or parameter shows a message, never a blank page', { skip }, async () => {
  const material = await open('/en/material/unobtainium');
  const alert = material.page.getByRole('alert');
  await alert.waitFor();
  assert.match((await alert.textContent()) ?? '', /unknown material: "unobtainium".*Did you mean/);
  await shoot(material.page, 'error-material');
  await material.page.close();

  const edition = await open('/nl/?edition=1999');
  await edition.page.getByRole('alert').waitFor();
  assert.match((await edition.page.getByRole('alert').textContent()) ?? '', /unknown edition: "1999"/);
  assert.match((await edition.page.getByRole('alert').textContent()) ?? '', /Deze weergave kon niet getoond worden/);
  // The rest of the page still works.
  assert.equal(await edition.page.locator('[data-list="eu-crm"] .card-value').textContent(), '34');
  await shoot(edition.page, 'error-edition-nl');
  await edition.page.close();

  const unknown = await open('/fr/nowhere');
  await unknown.page.getByRole('alert').waitFor();
  assert.match((await unknown.page.getByRole('alert').textContent()) ?? '', /Page introuvable/);
  await unknown.page.close();
});

test('the API explorer runs any registered route from a form built from the OpenAPI document', { skip }, async () => {
  const { page, errors } = await open('/en/explorer');
  await page.getByRole('button', { name: /\/api\/materials Materials on one list edition/ }).click();
  await page.getByLabel('list').fill('flanders-base-metals');
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await page.waitForURL(/run=1/);
  const result = page.locator('section[aria-label^="/api/materials?list=flanders-base-metals"]');
  await result.locator('tbody tr').first().waitFor();
  assert.equal(await result.locator('tbody tr').count(), 7);
  await shoot(page, 'explorer-en');
  assert.deepEqual(errors, []);
  await page.close();
});

test('the stockpile calculator sizes a stock from figures given in the form', { skip }, async () => {
  const { page, errors } = await open('/en/stockpile');
  await page.getByRole('heading', { level: 1, name: 'Stockpile' }).waitFor();
  // Without trade data in the store the API's message shows, with what to import.
  await page.getByRole('alert').waitFor();
  assert.match((await page.getByRole('alert').textContent()) ?? '', /no trade flows in the store/);
  await page.getByLabel('netImportsT').fill('365');
  await page.getByLabel('priceEurPerKg').fill('300');
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await page.waitForURL(/netImportsT=365/);
  const figures = page.locator('section.cards[aria-label="Stockpile"]');
  await figures.waitFor();
  // 365 t a year → 1 t a day; 60 days → 60 t; at 300 EUR/kg → 18 million EUR.
  assert.deepEqual(await figures.locator('.card-value').allTextContents(), ['60', '18,000,000', '1', '60']);
  await shoot(page, 'stockpile-en');
  assert.deepEqual(withoutHttpErrors(errors), []);
  await page.close();
});

test('the dependency explorer and the scenario builder show the API’s message until their data are imported', {
  skip,
}, async () => {
  const screen = await open('/fr/dependencies');
  await screen.page.getByRole('heading', { level: 1, name: 'Dépendances' }).waitFor();
  await screen.page.getByRole('alert').waitFor();
  assert.match((await screen.page.getByRole('alert').textContent()) ?? '', /no trade data/);
  assert.equal(await screen.page.getByLabel('preset').inputValue(), 'ec2021');
  await shoot(screen.page, 'dependencies-fr');
  await screen.page.close();

  const shock = await open('/nl/scenarios');
  await shock.page.getByRole('heading', { level: 1, name: 'Scenario’s' }).waitFor();
  await shock.page.getByLabel('table').fill('oecd-iot:BEL2020');
  await shock.page.getByLabel('imports_cut').fill('24B=1');
  await shock.page.getByRole('button', { name: 'Uitvoeren', exact: true }).click();
  await shock.page.getByRole('alert').waitFor();
  assert.match((await shock.page.getByRole('alert').textContent()) ?? '', /oecd-iot/);
  await shoot(shock.page, 'scenarios-nl');
  await shock.page.close();
});

test('the concentration map and the CRMA benchmarks draw the EU CRM study', {
  skip: skip || (!study && 'real data absent'),
}, async () => {
  const { page, errors } = await open('/en/concentration?material=gallium');
  await rendered(page, '.world-map[data-rendered="true"]');
  // Gallium processing, EU sourcing (EU CRM 2023 study): China 69%, so China (M49 156) is the darkest country.
  assert.match((await page.locator('.world-map path[data-m49="156"] title').textContent()) ?? '', /China: 69%/);
  await shoot(page, 'concentration-en');
  await page.goto(new URL('/nl/benchmarks', server!.url).href);
  await rendered(page);
  await page.getByRole('heading', { name: /^Doel: / }).waitFor();
  await shoot(page, 'benchmarks-nl');
  assert.deepEqual(errors, []);
  await page.close();
});
