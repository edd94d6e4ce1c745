import { type Result, useApi, useOperations } from '../api';
import { Panel } from '../components/panel';
import { ResultTable } from '../components/result-table';
import { fillRoute, RouteForm } from '../components/route-form';
import { ErrorBox, Loading } from '../components/status';
import { useI18n } from '../i18n';
import { hrefOf, navigate } from '../router';
import type { PageProps } from './catalogue';

const hidden = new Set(['/api/export/xlsx']);

/**
 * Every GET route of the API with a form built from its OpenAPI parameters: the frame in which an analysis shows
 * the day its route is registered, before it has a page of its own. The chosen route and its parameters live in
 * the URL (?route=/api/materials&list=be-crm), so a run is a link.
 */
export function ExplorerPage({ route }: PageProps) {
  const { t, lang } = useI18n();
  const operations = useOperations();
  if (operations.error) return <ErrorBox error={operations.error} />;
  if (!operations.data) return <Loading />;
  const routes = [...operations.data].filter(([path]) => path.startsWith('/api/') && !hidden.has(path));
  const chosen = route.query.get('route') ?? '';
  const operation = operations.data.get(chosen);
  const values = Object.fromEntries([...route.query].filter(([k]) => k !== 'route'));
  const open = (path: string, params: Record<string, string> = {}) =>
    navigate(hrefOf(lang, ['explorer'], { route: path, ...params }));

  return (
    <div class="page">
      <h1>{t.explorerTitle}</h1>
      <p class="lede">{t.explorerLede}</p>
      <div class="explorer">
        <nav class="route-list" aria-label={t.chooseRoute}>
          <ul>
            {routes.map(([path, op]) => (
              <li key={path}>
                <button
                  type="button"
                  class={path === chosen ? 'active' : undefined}
                  onClick={() => open(path)}
                  title={path}
                >
                  <code>{path}</code>
                  <span>{op.summary}</span>
                </button>
              </li>
            ))}
          </ul>
        </nav>
        <div class="route-view">
          {chosen && !operation && <ErrorBox error={new Error(`unknown route: "${chosen}"`)} />}
          {operation && (
            <RouteForm
              key={chosen}
              path={chosen}
              operation={operation}
              values={values}
              onRun={(p) => open(chosen, p)}
            />
          )}
          {operation && route.query.has('run') && <RouteResult path={fillRoute(chosen, operation, values)} />}
        </div>
      </div>
    </div>
  );
}

function RouteResult({ path }: { path: string }) {
  const answer = useApi<unknown>(path);
  const { t } = useI18n();
  if (answer.error) return <ErrorBox error={answer.error} />;
  if (!answer.data) return <Loading />;
  const data = answer.data as Partial<Result>;
  if (!Array.isArray(data.rows) || !Array.isArray(data.columns)) {
    return (
      <Panel title={path} name="answer">
        <p class="muted">{t.notAResult}</p>
        <pre class="raw">{JSON.stringify(answer.data, null, 2).slice(0, 20000)}</pre>
      </Panel>
    );
  }
  const result = data as Result;
  return (
    <Panel title={path} path={path} result={result} name={result.method.id} wide>
      <ResultTable result={result} filterable />
    </Panel>
  );
}
