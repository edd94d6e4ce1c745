import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Db } from '../../src/store/db.js';
import { tempStore } from '../support/store.js';

// One Db shared by concurrent callers, as in the server (store/db.ts): writes one at a time, reads committed state.
let store: Awaited<ReturnType<typeof tempStore>>;
let db: Db;
before(async () => {
  store = await tempStore();
  db = store.db;
  await db.run('CREATE TABLE t (k INTEGER, v VARCHAR)');
});
after(() => store.cleanup());

const count = async () => (await db.one<{ n: number }>('SELECT count(*) AS n FROM t'))?.n;
const gate = () => {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { open, opened };
};

test('reads during a write transaction see none of its rows until it commits, then all of them', async () => {
  await db.run('DELETE FROM t');
  const halfway = gate();
  const finish = gate();
  const writing = db.transaction(async () => {
    await db.run("INSERT INTO t SELECT range, 'a' FROM range(500)");
    assert.equal(await count(), 500, 'the transaction sees its own rows');
    halfway.open();
    await finish.opened;
    await db.run("INSERT INTO t SELECT range, 'b' FROM range(500)");
  });
  await halfway.opened;
  const during = await Promise.all(Array.from({ length: 20 }, count));
  assert.deepEqual(new Set(during), new Set([0]));
  finish.open();
  await writing;
  assert.equal(await count(), 1000);
});

test('two transactions asked for at once run one after the other, in order', async () => {
  const events: string[] = [];
  const work = (name: string) => async () => {
    events.push(`${name} begins`);
    await db.run('INSERT INTO t VALUES (1, $1)', [name]);
    await new Promise((resolve) => setTimeout(resolve, 30));
    await db.run('INSERT INTO t VALUES (2, $1)', [name]);
    events.push(`${name} ends`);
  };
  await Promise.all([db.transaction(work('A')), db.transaction(work('B')), db.transaction(work('C'))]);
  assert.deepEqual(events, ['A begins', 'A ends', 'B begins', 'B ends', 'C begins', 'C ends']);
});

test('a failed transaction rolls back and releases the queue for the next one', async () => {
  const before = await count();
  const failing = db.transaction(async () => {
    await db.run("INSERT INTO t VALUES (9, 'x')");
    throw new Error('boom');
  });
  const next = db.transaction(async () => db.run("INSERT INTO t VALUES (10, 'y')"));
  await assert.rejects(failing, /boom/);
  await next;
  assert.equal(await count(), (before ?? 0) + 1);
  assert.equal((await db.one<{ n: number }>("SELECT count(*) AS n FROM t WHERE v = 'x'"))?.n, 0);
});

test('a statement outside any transaction waits for the running transaction instead of joining it', async () => {
  const inside = gate();
  const release = gate();
  const tx = db.transaction(async () => {
    await db.run("INSERT INTO t VALUES (20, 'tx')");
    inside.open();
    await release.opened;
    throw new Error('rolled back');
  });
  await inside.opened;
  const outside = db.run("INSERT INTO t VALUES (21, 'outside')");
  release.open();
  await assert.rejects(tx, /rolled back/);
  await outside;
  assert.deepEqual(
    (await db.all<{ v: string }>("SELECT v FROM t WHERE v IN ('tx', 'outside')")).map((r) => r.v),
    ['outside'],
    'the outside insert survived the rollback; the transaction’s did not',
  );
});

test('a snapshot reads one committed state even when a write commits between its queries', async () => {
  const first = gate();
  const reading = db.snapshot(async () => {
    const a = await count();
    first.open();
    await new Promise((resolve) => setTimeout(resolve, 50));
    const b = await count();
    return [a, b];
  });
  await first.opened;
  await db.transaction(async () => db.run("INSERT INTO t SELECT range, 'snap' FROM range(100)"));
  const [a, b] = await reading;
  assert.equal(a, b);
  assert.equal(await count(), (a ?? 0) + 100);
});

test('a transaction inside a snapshot sees its own writes; a nested transaction is refused', async () => {
  await db.snapshot(async () => {
    const n = await db.transaction(async () => {
      await db.run("INSERT INTO t VALUES (30, 'in-snapshot')");
      await assert.rejects(
        db.transaction(async () => {}),
        /nested transaction/,
      );
      return (await db.one<{ n: number }>("SELECT count(*) AS n FROM t WHERE v = 'in-snapshot'"))?.n;
    });
    assert.equal(n, 1);
  });
});

test('200 concurrent reads and 40 concurrent writes: no errors, every write counted', async () => {
  await db.run('DELETE FROM t');
  const writes = Array.from({ length: 40 }, (_, i) =>
    db.transaction(async () => {
      await db.run('INSERT INTO t VALUES ($1, $2)', [i, 'w']);
      await db.run('INSERT INTO t VALUES ($1, $2)', [i, 'w2']);
    }),
  );
  const reads = Array.from({ length: 200 }, async () => {
    const n = (await count()) ?? 0;
    assert.equal(n % 2, 0, 'a read never sees half a transaction');
  });
  await Promise.all([...writes, ...reads]);
  assert.equal(await count(), 80);
  assert.equal(db.writing, false);
});

test('clean-up after a failed statement does not hide its error, and the transaction writes nothing', async () => {
  await db.run('CREATE TABLE IF NOT EXISTS k (x INTEGER PRIMARY KEY)');
  await assert.rejects(
    db.transaction(async () => {
      await db.run('INSERT INTO k VALUES (1)');
      try {
        await db.run('INSERT INTO k VALUES (2), (2)');
      } finally {
        await db.run('DROP TABLE IF EXISTS some_working_table'); // refused by DuckDB: skipped
      }
    }),
    /Constraint Error: PRIMARY KEY or UNIQUE constraint violation/,
  );
  assert.equal((await db.one<{ n: number }>('SELECT count(*) AS n FROM k'))?.n, 0);
});

test('work that swallows a failed statement cannot report success: DuckDB would roll back silently', async () => {
  await assert.rejects(
    db.transaction(async () => {
      await db.run('INSERT INTO k VALUES (3)');
      await db.run('INSERT INTO k VALUES (4), (4)').catch(() => undefined);
    }),
    /a statement of the transaction failed and its error was not passed on/,
  );
  assert.equal((await db.one<{ n: number }>('SELECT count(*) AS n FROM k'))?.n, 0);
  // An error that does not abort the transaction (a binder error) may be handled by the work.
  await db.transaction(async () => {
    await db.one('SELECT * FROM no_such_table').catch(() => undefined);
    await db.run('INSERT INTO k VALUES (5)');
  });
  assert.equal((await db.one<{ n: number }>('SELECT count(*) AS n FROM k'))?.n, 1);
});
