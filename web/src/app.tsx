import type { FunctionComponent } from 'preact';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { useOperations } from './api';
import { ErrorBox, Loading } from './components/status';
import { I18nContext, makeI18n, useI18n } from './i18n';
import { type PageEntry, type PageProps, pageOf, pages } from './pages/catalogue';
import {
  hrefOf,
  isLang,
  type Lang,
  Link,
  languages,
  navigate,
  parseRoute,
  type Route,
  switchLang,
  useLocation,
} from './router';

const storedLang = 'radar.lang';

function preferredLang(): Lang {
  const stored = localStorage.getItem(storedLang) ?? '';
  if (isLang(stored)) return stored;
  for (const l of navigator.languages ?? []) {
    const short = l.slice(0, 2).toLowerCase();
    if (isLang(short)) return short;
  }
  return 'en';
}

export function App() {
  const location = useLocation();
  const route = parseRoute(location);
  useEffect(() => {
    if (!route)
      navigate(`/${preferredLang()}${location.pathname === '/' ? '/' : location.pathname}${location.search}`, {
        replace: true,
      });
  }, [route, location]);
  const lang = route?.lang ?? 'en';
  const i18n = useMemo(() => makeI18n(lang), [lang]);
  useEffect(() => {
    document.documentElement.lang = lang;
    localStorage.setItem(storedLang, lang);
  }, [lang]);
  const operations = useOperations();
  if (!route) return null;
  const entry = pageOf(route);
  const available = (p: PageEntry) => !!operations.data && p.needs.every((n) => operations.data!.has(n));
  return (
    <I18nContext.Provider value={i18n}>
      <a class="skip" href="#main">
        {i18n.t.skipToContent}
      </a>
      <Header route={route} visible={pages.filter(available)} current={entry} />
      <main id="main">
        {operations.error ? (
          <ErrorBox error={operations.error} />
        ) : !operations.data ? (
          <Loading />
        ) : entry && available(entry) ? (
          <PageHost entry={entry} route={route} />
        ) : (
          <NotFound path={location.pathname} />
        )}
      </main>
      <Footer />
    </I18nContext.Provider>
  );
}

function Header({ route, visible, current }: { route: Route; visible: PageEntry[]; current?: PageEntry }) {
  const { t } = useI18n();
  return (
    <header class="top">
      <div class="brand">
        <Link href={hrefOf(route.lang)} class="brand-name">
          <img src="/favicon.svg" alt="" width="28" height="28" />
          {t.appName}
        </Link>
        <span class="tagline">{t.tagline}</span>
      </div>
      <nav class="pages" aria-label="pages">
        {visible.map((p) => (
          <Link
            key={p.id}
            href={hrefOf(route.lang, p.segment ? [p.segment] : [])}
            class={p === current ? 'active' : undefined}
            aria-current={p === current ? 'page' : undefined}
            data-page={p.id}
          >
            {t.nav[p.id]}
          </Link>
        ))}
      </nav>
      <nav class="languages" aria-label="language">
        {languages.map((l) => (
          <Link
            key={l}
            href={switchLang(route, l)}
            hrefLang={l}
            lang={l}
            title={t.languageName[l]}
            class={l === route.lang ? 'active' : undefined}
            aria-current={l === route.lang ? 'true' : undefined}
          >
            {l.toUpperCase()}
          </Link>
        ))}
      </nav>
    </header>
  );
}

/** Loads a page's chunk on first use; a chunk that fails to load is shown as an error, not a blank page. */
function PageHost({ entry, route }: { entry: PageEntry; route: Route }) {
  const [loaded, setLoaded] = useState<{ entry: PageEntry; Page: FunctionComponent<PageProps> } | null>(null);
  const [error, setError] = useState<Error | null>(null);
  useEffect(() => {
    let live = true;
    setError(null);
    entry.load().then(
      (Page) => live && setLoaded({ entry, Page }),
      (e: unknown) => live && setError(e instanceof Error ? e : new Error(String(e))),
    );
    return () => {
      live = false;
    };
  }, [entry]);
  if (error) return <ErrorBox error={error} />;
  if (!loaded || loaded.entry !== entry) return <Loading />;
  return <loaded.Page route={route} />;
}

function NotFound({ path }: { path: string }) {
  const { t, lang } = useI18n();
  return (
    <div class="page">
      <div class="error-box" role="alert">
        <strong>{t.notFoundTitle}</strong>
        <p class="error-message">{t.notFoundText(path)}</p>
        <p>
          <Link href={hrefOf(lang)}>{t.backToOverview}</Link>
        </p>
      </div>
    </div>
  );
}

function Footer() {
  const { t } = useI18n();
  return (
    <footer class="bottom">
      <a href="/openapi.json">{t.footerApi}</a>
      <a href="/api/datasets">{t.footerDatasets}</a>
      <span>Radar</span>
    </footer>
  );
}
