import { copyFileSync, rmSync, statSync, readdirSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { openStore } from '/work/main/src/store/open.js';
import { Db } from '/work/main/src/store/db.js';
const dir = '/tmp/bk/s'; rmSync(dir, { recursive: true, force: true }); mkdirSync(dir);
const path = join(dir, 'radar.duckdb');
const db = await openStore({ path });
const N = Number(process.argv[2] ?? 5e6);
let t = performance.now();
await db.run(`INSERT INTO trade_flows SELECT 'baci:x','baci', 2000 + (i % 20), (2000 + (i % 20))::VARCHAR, 'R' || (i % 200), 'P' || (i % 211), 'P' || (i % 211), true, 'import', 'HS6', 'HS17', lpad((i % 5000)::VARCHAR, 6, '0'), false, NULL, random()*1e6, 'USD', 'FOB', random()*1e5, NULL FROM range(${N}) t(i)`);
await db.run('CHECKPOINT');
console.log('fill', (performance.now() - t).toFixed(0), 'ms; file', (statSync(path).size / 1e6).toFixed(0), 'MB');
const ms = () => { const d = performance.now() - t; t = performance.now(); return d.toFixed(0) + ' ms'; };
const size = (p: string) => { try { return (statSync(p).size/1e6).toFixed(0)+' MB'; } catch { return readdirSync(p).reduce((s,f)=>s+statSync(join(p,f)).size,0)/1e6 + ' MB (dir)'; } };
// A: checkpoint + copy
t = performance.now(); await db.run('CHECKPOINT'); copyFileSync(path, '/tmp/bk/a.duckdb'); console.log('A checkpoint+copy', ms(), size('/tmp/bk/a.duckdb'));
// C: COPY FROM DATABASE into a fresh file
rmSync('/tmp/bk/c.duckdb', { force: true });
t = performance.now(); await db.run(`ATTACH '/tmp/bk/c.duckdb' AS b`); await db.run('COPY FROM DATABASE radar TO b'); await db.run('DETACH b'); console.log('C copy from database', ms(), size('/tmp/bk/c.duckdb'));
// B: EXPORT DATABASE parquet
rmSync('/tmp/bk/e', { recursive: true, force: true });
t = performance.now(); await db.run(`EXPORT DATABASE '/tmp/bk/e' (FORMAT parquet)`); console.log('B export parquet', ms(), size('/tmp/bk/e'));
db.close();
// restores
t = performance.now(); const r1 = await Db.open('/tmp/bk/a.duckdb'); console.log('A open copy', ms(), (await r1.one('select count(*) n from trade_flows'))); r1.close();
rmSync('/tmp/bk/b.duckdb', { force: true });
t = performance.now(); const r2 = await Db.open('/tmp/bk/b.duckdb'); await r2.run(`IMPORT DATABASE '/tmp/bk/e'`); console.log('B import', ms(), await r2.one('select count(*) n from trade_flows'), await r2.all("select sequence_name, start_value, last_value from duckdb_sequences()")); r2.close();
