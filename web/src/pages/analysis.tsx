import type { FunctionComponent } from 'preact';
import { type Result, useApi, useOperations } from '../api';
import { Panel } from '../components/panel';
import { ResultTable } from '../components/result-table';
import { fillRoute, formParameters, RouteForm } from '../components/route-form';
import { ErrorBox, Loading } from '../components/status';
import { type Dict, useI18n } from '../i18n';
import { hrefOf, navigate } from '../router';
import type { PageProps } from './catalogue';

export interface AnalysisViewProps {
  result: Result;
  path: string;
  values: Record<string, string>;
}

/**
 * One analysis page: a form built from the route's OpenAPI parameters, the parameters in the URL, and the Result as
 * a picture (when the page has one), a table, downloads and its source line. Nested Results (a concentration's
 * suppliers) get a table each. Without data the API's own message ("import … first") is what the reader sees.
 */
export interface AnalysisSpec {
  id: keyof Dict['nav'];
  /** The API route (OpenAPI path template). */
  route: string;
  lede: (t: Dict) => string;
  /** Values the page starts with (a page runs as soon as its required parameters have values). */
  defaults: Record<string, string>;
  /** Parameters in the form up front; the others fold away. */
  primary: string[];
  view?: FunctionComponent<AnalysisViewProps>;
  /** Table columns (default: all). */
  columns?: string[];
}

export function analysisPage(spec: AnalysisSpec): FunctionComponent<PageProps> {
  return function AnalysisPage({ route }: PageProps) {
    const i18n = useI18n();
    const { t } = i18n;
    const operations = useOperations();
    const operation = operations.data?.get(spec.route);
    if (operations.error) return <ErrorBox error={operations.error} />;
    if (!operation) return <Loading />;
    const values = { ...spec.defaults, ...Object.fromEntries(route.query) };
    const ready = formParameters(operation).every((p) => !p.required || values[p.name]);
    const path = ready ? fillRoute(spec.route, operation, values) : null;
    return (
      <div class="page">
        <h1>{t.nav[spec.id]}</h1>
        <p class="lede">{spec.lede(t)}</p>
        <RouteForm
          key={JSON.stringify(values)}
          path={spec.route}
          operation={operation}
          values={values}
          primary={spec.primary}
          bare
          onRun={({ run: _run, ...params }) => navigate(hrefOf(i18n.lang, route.segments, params))}
        />
        {path && <AnalysisResult spec={spec} path={path} values={values} />}
      </div>
    );
  };
}

function AnalysisResult({ spec, path, values }: { spec: AnalysisSpec; path: string; values: Record<string, string> }) {
  const { t } = useI18n();
  const answer = useApi(path);
  if (answer.error) return <ErrorBox error={answer.error} />;
  if (!answer.data) return <Loading />;
  const result = answer.data;
  const nested = Object.entries(result).filter(
    ([, v]) => v && typeof v === 'object' && Array.isArray((v as Result).rows) && Array.isArray((v as Result).columns),
  ) as [string, Result][];
  const View = spec.view;
  return (
    <>
      {View && <View result={result} path={path} values={values} />}
      <Panel title={t.nav[spec.id]} path={path} result={result} name={result.method.id} wide>
        <ResultTable result={result} columns={spec.columns} filterable />
      </Panel>
      {nested.map(([key, part]) => (
        <Panel key={key} title={`${t.nav[spec.id]} — ${key}`} result={part} name={`${result.method.id}-${key}`} wide>
          <ResultTable result={part} filterable />
        </Panel>
      ))}
    </>
  );
}
