import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { type Result, withFormat, xlsxHref } from '../api';
import { useI18n } from '../i18n';

/** The source line every chart and table carries: the sources its rows cite, the datasets, the method. */
export function sourceText(
  result: Result,
  t: { source: string; data: string; method: string; sourceGiven: string },
): string {
  const cited = [...new Set(result.rows.map((r) => r.source).filter((s): s is string => typeof s === 'string'))];
  const sources = cited.length ? cited : result.provenance.map((p) => p.source);
  const shown = sources.length > 3 ? [...sources.slice(0, 3), `+${sources.length - 3}`] : sources;
  const datasets = result.provenance.map((p) => p.dataset + (p.vintage ? ` (${p.vintage})` : '')).join(', ');
  return [
    `${t.source}: ${shown.length ? shown.join('; ') : t.sourceGiven}`,
    datasets && `${t.data}: ${datasets}`,
    `${t.method}: ${result.method.id} v${result.method.version}`,
  ]
    .filter(Boolean)
    .join(' · ');
}

export function SourceLine({ result }: { result: Result }) {
  const { t } = useI18n();
  const assumed = Object.entries(result.method.params).filter(([, p]) => p.assumed);
  return (
    <div class="source-line">
      <p>{sourceText(result, t)}</p>
      {assumed.length > 0 && (
        <p class="assumed">
          {t.assumedParams}:{' '}
          {assumed.map(([name, p]) => (
            <span class="badge badge-assumed" title={p.description} key={name}>
              {name} = {String(p.value)} ({t.assumed})
            </span>
          ))}
        </p>
      )}
    </div>
  );
}

export function Warnings({ result }: { result: Result }) {
  const { t } = useI18n();
  if (result.warnings.length === 0) return null;
  return (
    <div class="warnings" role="note" aria-label={t.warnings}>
      {result.warnings.map((w) => (
        <p key={w}>
          <span class="badge badge-warning">!</span> {w}
        </p>
      ))}
    </div>
  );
}

/** CSV from the API (?format=csv), XLSX from /api/export/xlsx, PNG from the drawing when there is one. */
export function ExportBar({ path, png, name }: { path?: string; png?: () => Promise<void>; name: string }) {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  return (
    <div class="export-bar" title={t.download}>
      {path && (
        <a class="button" href={withFormat(path, 'csv')} download={`radar-${name}.csv`} data-export="csv">
          CSV
        </a>
      )}
      {path && (
        <a class="button" href={xlsxHref(path)} download={`radar-${name}.xlsx`} data-export="xlsx">
          XLSX
        </a>
      )}
      {png && (
        <button
          type="button"
          class="button"
          data-export="png"
          disabled={busy}
          onClick={async () => {
            setBusy(true);
            try {
              await png();
            } finally {
              setBusy(false);
            }
          }}
        >
          PNG
        </button>
      )}
    </div>
  );
}

interface PanelProps {
  title: string;
  /** The API path (with query) the panel shows: its CSV and XLSX downloads. */
  path?: string;
  result?: Result;
  png?: () => Promise<void>;
  /** File name stem of downloads. */
  name: string;
  children: ComponentChildren;
  wide?: boolean;
  intro?: ComponentChildren;
}

/** A titled section with its downloads, its data notes and its source line. */
export function Panel({ title, path, result, png, name, children, wide, intro }: PanelProps) {
  return (
    <section class={`panel${wide ? ' panel-wide' : ''}`} aria-label={title}>
      <header class="panel-head">
        <h2>{title}</h2>
        <ExportBar path={path} png={png} name={name} />
      </header>
      {intro && <div class="panel-intro">{intro}</div>}
      {children}
      {result && <Warnings result={result} />}
      {result && <SourceLine result={result} />}
    </section>
  );
}
