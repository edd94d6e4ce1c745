import { performance } from 'node:perf_hooks';
import { openStore } from './src/store/open.ts';
import { dependencyScreen } from './src/analyses/screen.ts';
const db = await openStore({ path: '/tmp/scr/bench-full.duckdb' });
const reps = ['EU27', ...(await db.all("SELECT iso3 FROM countries WHERE eu_from IS NOT NULL AND eu_to IS NULL ORDER BY iso3")).map(r=>r.iso3)];
const orig = db.all.bind(db);
db.all = async (sql, p) => { const s = performance.now(); const c = process.cpuUsage(); const r = await orig(sql, p); const u = process.cpuUsage(c); console.log('  sql', (performance.now()-s).toFixed(0), 'ms cpu', ((u.user+u.system)/1000).toFixed(0), r.length, 'rows:', sql.trim().slice(0, 40).replace(/\s+/g,' ')); return r; };
for (let i = 0; i < 2; i++) {
  const s = performance.now(); const c = process.cpuUsage();
  await dependencyScreen(db, { preset: 'ec2021', reporter: reps.join(','), years: '2021', dataset: ['bench'] });
  const u = process.cpuUsage(c);
  console.log('engine', (performance.now()-s).toFixed(0), 'cpu', ((u.user+u.system)/1000).toFixed(0));
}
db.close();
