import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { packageRoot } from '../../src/store/package-root.js';

/**
 * The dashboard's weight, from the build's chunk graph (web/dist/.vite/manifest.json): the initial bundle (the entry
 * and what it imports statically) and the first page a reader sees (the overview, with the ECharts chunk it loads).
 * Goal: each ≤ 300 KB gzipped.
 */
const dist = join(packageRoot, 'web', 'dist');
const manifestPath = join(dist, '.vite', 'manifest.json');
const built = existsSync(manifestPath);
if (!built) console.log('# bundle size not measured: the dashboard is not built (npm run build:web)');

interface Chunk {
  file: string;
  imports?: string[];
  dynamicImports?: string[];
  css?: string[];
}

function closure(manifest: Record<string, Chunk>, keys: string[], dynamic: (key: string) => boolean): Set<string> {
  const seen = new Set<string>();
  const visit = (key: string) => {
    if (seen.has(key)) return;
    seen.add(key);
    const chunk = manifest[key];
    for (const k of chunk.imports ?? []) visit(k);
    for (const k of chunk.dynamicImports ?? []) if (dynamic(k)) visit(k);
  };
  keys.forEach(visit);
  return seen;
}

const gzipped = (files: string[]) =>
  files.reduce((n, f) => n + gzipSync(readFileSync(join(dist, f)), { level: 9 }).length, 0);

test('the initial bundle and the overview page each stay within 300 KB gzipped', {
  skip: !built && 'not built',
}, () => {
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Record<string, Chunk>;
  const files = (keys: Set<string>) => [...keys].flatMap((k) => [manifest[k].file, ...(manifest[k].css ?? [])]);
  const initial = files(closure(manifest, ['index.html'], () => false));
  const overviewKey = Object.keys(manifest).find((k) => k.endsWith('pages/overview.tsx'));
  assert.ok(overviewKey, 'the overview is a chunk of its own');
  const overview = files(closure(manifest, ['index.html', overviewKey], (k) => k.endsWith('components/echarts.ts')));
  const [initialKb, overviewKb] = [gzipped(initial), gzipped(overview)].map((b) => b / 1024);
  console.log(`# initial bundle ${initialKb.toFixed(1)} KB gz (${initial.join(', ')})`);
  console.log(`# overview page ${overviewKb.toFixed(1)} KB gz (${overview.length} files, ECharts included)`);
  assert.ok(
    overview.some((f) => f.includes('echarts')),
    'the overview loads ECharts',
  );
  assert.ok(!initial.some((f) => f.includes('echarts')), 'ECharts is not in the initial bundle');
  assert.ok(initialKb <= 300, `initial bundle ${initialKb.toFixed(1)} KB gz`);
  assert.ok(overviewKb <= 300, `overview page ${overviewKb.toFixed(1)} KB gz`);
});
