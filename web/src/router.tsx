import type { AnchorHTMLAttributes, ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';

/**
 * Routing in the browser over the History API. Every dashboard URL starts with its language: /en/, /nl/, /fr/,
 * followed by the page and its argument (/nl/material/gallium) and the page's parameters in the query string, so
 * every view is a link that can be shared. The server answers index.html for any such path (src/server/static.ts).
 */
export const languages = ['en', 'nl', 'fr'] as const;
export type Lang = (typeof languages)[number];

export interface Route {
  lang: Lang;
  /** Path segments after the language: [] for the overview, ['material', 'gallium'] for a factsheet. */
  segments: string[];
  query: URLSearchParams;
}

export function isLang(value: string | undefined): value is Lang {
  return (languages as readonly string[]).includes(value ?? '');
}

/** The route of a location, or null when the path has no language prefix (the app then redirects). */
export function parseRoute(location: Pick<Location, 'pathname' | 'search'>): Route | null {
  const [first, ...rest] = location.pathname.split('/').filter(Boolean);
  if (!isLang(first)) return null;
  return { lang: first, segments: rest.map(decodeURIComponent), query: new URLSearchParams(location.search) };
}

export function hrefOf(
  lang: Lang,
  segments: readonly string[] = [],
  query?: Record<string, string | undefined>,
): string {
  const path = segments.map(encodeURIComponent).join('/');
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query ?? {})) if (v !== undefined && v !== '') params.set(k, v);
  const search = params.toString();
  return `/${lang}/${path}${search ? `?${search}` : ''}`;
}

/** The same page in another language. */
export function switchLang(route: Route, lang: Lang): string {
  const search = route.query.toString();
  return `${hrefOf(lang, route.segments)}${search ? `?${search}` : ''}`;
}

export function navigate(href: string, options: { replace?: boolean } = {}): void {
  if (options.replace) history.replaceState(null, '', href);
  else history.pushState(null, '', href);
  window.dispatchEvent(new PopStateEvent('popstate'));
  if (!options.replace) window.scrollTo(0, 0);
}

export function useLocation(): Pick<Location, 'pathname' | 'search'> {
  const [location, setLocation] = useState({ pathname: window.location.pathname, search: window.location.search });
  useEffect(() => {
    const update = () => setLocation({ pathname: window.location.pathname, search: window.location.search });
    window.addEventListener('popstate', update);
    return () => window.removeEventListener('popstate', update);
  }, []);
  return location;
}

type AnchorProps = AnchorHTMLAttributes<HTMLAnchorElement> & { href: string; children?: ComponentChildren };

/** An anchor that navigates inside the app (a modified click still opens a new tab). */
export function Link({ href, children, ...rest }: AnchorProps) {
  const onClick = (event: MouseEvent) => {
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey) return;
    event.preventDefault();
    navigate(href);
  };
  return (
    <a href={href} onClick={onClick} {...rest}>
      {children}
    </a>
  );
}
