import { openStore } from './src/store/open.ts';
import { dependencyScreen } from './src/analyses/screen.ts';
const db = await openStore({ path: '/tmp/scr/bench-full.duckdb' });
const reps = ['EU27', ...(await db.all("SELECT iso3 FROM countries WHERE eu_from IS NOT NULL AND eu_to IS NULL ORDER BY iso3")).map(r=>r.iso3)];
await dependencyScreen(db, { preset: 'ec2021', reporter: reps.join(','), years: '2021', dataset: ['bench'] });
db.close();
