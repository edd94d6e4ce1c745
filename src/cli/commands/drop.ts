import { dropDataset } from '../../sources/run-import.js';
import type { CliContext } from '../context.js';

export async function drop(ctx: CliContext, id: string, options: { json?: boolean }) {
  const db = await ctx.openStore({ readOnly: false });
  try {
    const dataset = await dropDataset(db, id);
    ctx.stdout(
      options.json
        ? `${JSON.stringify({ dropped: dataset.id, rows: dataset.rows })}\n`
        : `dropped ${dataset.id} (${dataset.rows} rows)\n`,
    );
  } finally {
    db.close();
  }
}
