import { useState } from 'preact/hooks';
import { apiPath, type OpenApiOperation, type OpenApiParameter } from '../api';
import { useI18n } from '../i18n';

/**
 * A form for one API route, built from its OpenAPI parameters (query and path; not format): a text field per
 * parameter, a select for an enum, the default as placeholder and the description under it. The same form serves
 * the API explorer and every analysis page, so a parameter added to a route shows up without a change here.
 */
export const formParameters = (op: OpenApiOperation) =>
  (op.parameters ?? []).filter((p) => (p.in === 'query' || p.in === 'path') && p.name !== 'format');

/** The route template with its path parameters filled in and its query parameters appended. */
export function fillRoute(template: string, op: OpenApiOperation, values: Record<string, string>): string {
  let path = template;
  const query: Record<string, string> = {};
  for (const p of formParameters(op)) {
    const v = values[p.name] ?? '';
    if (p.in === 'path') path = path.replace(`{${p.name}}`, encodeURIComponent(v));
    else if (v) query[p.name] = v;
  }
  return apiPath(path, query);
}

export interface RouteFormProps {
  path: string;
  operation: OpenApiOperation;
  values: Record<string, string>;
  onRun: (values: Record<string, string>) => void;
  /** Parameters shown up front; the others fold under "more options" (default: all up front). */
  primary?: string[];
  /** Hide the route path and summary (an analysis page has its own title). */
  bare?: boolean;
}

export function RouteForm({ path, operation, values, onRun, primary, bare }: RouteFormProps) {
  const { t } = useI18n();
  const params = formParameters(operation);
  const [draft, setDraft] = useState<Record<string, string>>(values);
  const field = (p: OpenApiParameter) => (
    <ParameterField
      key={p.name}
      p={p}
      value={draft[p.name] ?? ''}
      onChange={(v) => setDraft({ ...draft, [p.name]: v })}
    />
  );
  const front = primary ? params.filter((p) => p.required || primary.includes(p.name)) : params;
  const more = params.filter((p) => !front.includes(p));
  return (
    <form
      class="route-form"
      onSubmit={(e) => {
        e.preventDefault();
        onRun({ ...draft, run: '1' });
      }}
    >
      {!bare && (
        <h2>
          <code>{path}</code>
        </h2>
      )}
      {!bare && operation.summary && <p class="muted">{operation.summary}</p>}
      {params.length === 0 && <p class="muted">{t.noParameters}</p>}
      {front.map(field)}
      {more.length > 0 && (
        <details class="more-options">
          <summary>{t.moreOptions(more.length)}</summary>
          {more.map(field)}
        </details>
      )}
      <button type="submit" class="button button-primary">
        {t.run}
      </button>
    </form>
  );
}

function ParameterField({ p, value, onChange }: { p: OpenApiParameter; value: string; onChange: (v: string) => void }) {
  const id = `param-${p.name}`;
  const placeholder = p.schema?.default !== undefined ? String(p.schema.default) : '';
  return (
    <div class="field">
      <label for={id}>
        <code>{p.name}</code>
        {p.required ? ' *' : ''}
      </label>
      {p.schema?.enum ? (
        <select id={id} value={value} onChange={(e) => onChange((e.target as HTMLSelectElement).value)}>
          <option value="">{placeholder}</option>
          {p.schema.enum.map((v) => (
            <option key={v} value={v}>
              {v}
            </option>
          ))}
        </select>
      ) : (
        <input
          id={id}
          name={p.name}
          value={value}
          placeholder={placeholder}
          required={p.required}
          onInput={(e) => onChange((e.target as HTMLInputElement).value)}
        />
      )}
      {p.description && <small class="muted">{p.description}</small>}
    </div>
  );
}
