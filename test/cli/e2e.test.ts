import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { promisify } from 'node:util';
import { json } from '../support/json.js';
import { repoRoot } from '../support/real-data.js';
import { tempDir } from '../support/store.js';

const run = promisify(execFile);
const tmp = tempDir();
after(tmp.cleanup);
const env = { ...process.env, RADAR_DATA_DIR: tmp.dir, NO_COLOR: '1' };
const bin = join(repoRoot, 'dist', 'src', 'cli', 'main.js');

test('the compiled bin creates the store on first use, then several processes read it at once', async () => {
  const first = await run(process.execPath, [bin, 'lists', '--json'], { env });
  assert.ok(JSON.parse(first.stdout).rows.length >= 9);
  const outputs = await Promise.all(
    Array.from({ length: 4 }, () => run(process.execPath, [bin, 'materials', '--list', 'eu-crm', '--json'], { env })),
  );
  for (const o of outputs) assert.equal(JSON.parse(o.stdout).rows.length, 34);
});

test('an unknown material exits with code 2 and a message on stderr', async () => {
  await assert.rejects(
    run(process.execPath, [bin, 'info', 'unobtainium'], { env }),
    (error: { code: number; stderr: string }) => {
      assert.equal(error.code, 2);
      assert.match(error.stderr, /unknown material: "unobtainium"/);
      return true;
    },
  );
});

test('the server owns the store while it runs: server.json names it, the CLI says where it is, exit code 1', async () => {
  const child = spawn(process.execPath, [join(repoRoot, 'dist', 'src', 'server', 'main.js')], {
    env: { ...env, PORT: '0' },
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  try {
    const url = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (d) => {
        out += d;
        const m = /serving on (http:\/\/\S+?\/)\s/.exec(out);
        if (m) resolve(m[1]);
      });
      child.on('exit', (code) => reject(new Error(`server exited with ${code}`)));
    });
    const health = await json(await fetch(`${url}health`));
    assert.equal(health.status, 'ok');
    assert.deepEqual(JSON.parse(readFileSync(join(tmp.dir, 'server.json'), 'utf8')), { url, pid: child.pid });
    // DuckDB: one read-write process per file. The CLI cannot open the store, and says why and what to do.
    await assert.rejects(
      run(process.execPath, [bin, 'materials', '--list', 'be-crm', '--json'], { env }),
      (error: { code: number; stderr: string }) => {
        assert.equal(error.code, 1);
        assert.ok(error.stderr.includes(`held by the Radar server running at ${url} (pid ${child.pid})`), error.stderr);
        assert.match(error.stderr, /Use the dashboard or the API/);
        assert.ok(error.stderr.includes(`${url}api/imports`), 'names the import endpoint');
        assert.match(error.stderr, new RegExp(`stop the server \\(Ctrl-C, or kill ${child.pid}\\)`));
        return true;
      },
    );
  } finally {
    child.kill('SIGTERM');
  }
  assert.equal(await exited, 0);
  assert.equal(existsSync(join(tmp.dir, 'server.json')), false, 'the server removes server.json on exit');
  const cli = await run(process.execPath, [bin, 'materials', '--list', 'be-crm', '--json'], { env });
  assert.equal(JSON.parse(cli.stdout).rows.length, 27);
});
