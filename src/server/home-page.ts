import { listsOverview } from '../analyses/lists.js';
import { materialsOnList } from '../analyses/materials-on-list.js';
import type { Db } from '../store/db.js';

const html = (s: unknown) => String(s ?? '').replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

/** A plain page served from the store (lists and the EU 2023 critical raw materials) until the dashboard is built. */
export async function homePage(db: Db): Promise<string> {
  const lists = await listsOverview(db);
  const eu = await materialsOnList(db, { list: 'eu-crm', edition: '2023' });
  const listRows = lists.rows
    .map(
      (r) => `<tr><td>${html(r.list)}</td><td>${html(r.edition)}</td><td>${html(r.jurisdiction)}</td>
      <td>${html(r.status)}</td><td class=n>${html(r.items)}</td><td>${html(r.name)}</td></tr>`,
    )
    .join('');
  const materialRows = eu.rows
    .map(
      (r) => `<tr><td><a href="/api/materials/${html(r.material)}">${html(r.name)}</a></td>
      <td class=n>${html(r.sr)}</td><td class=n>${html(r.ei)}</td><td>${html(r.source)}</td></tr>`,
    )
    .join('');
  return `<!doctype html><html lang=en><head><meta charset=utf-8><title>Radar</title>
<style>body{font:14px system-ui;margin:2rem;max-width:70rem}td,th{padding:2px 8px;text-align:left}.n{text-align:right}</style>
</head><body><h1>Radar</h1><p>Critical raw materials and strategic dependencies — EU, Belgium, Flanders.
API: <a href="/openapi.json">/openapi.json</a></p>
<h2>Lists</h2><table><tr><th>list</th><th>edition</th><th>jurisdiction</th><th>status</th><th>items</th><th>name</th></tr>${listRows}</table>
<h2>EU critical raw materials 2023 (${eu.rows.length})</h2>
<table><tr><th>material</th><th>SR</th><th>EI</th><th>source</th></tr>${materialRows}</table></body></html>`;
}
