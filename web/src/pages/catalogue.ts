import type { FunctionComponent } from 'preact';
import type { Dict } from '../i18n';
import type { Route } from '../router';

export interface PageProps {
  route: Route;
}

/**
 * The dashboard's pages, in navigation order. A page that shows an analysis names the API paths it needs: the
 * navigation lists it only when /openapi.json has them, so a page ships before (or without) its back end and appears
 * when the route is registered. Each page is its own chunk, loaded when first opened.
 */
export interface PageEntry {
  id: keyof Dict['nav'];
  /** First path segment after the language ('' for the overview). */
  segment: string;
  needs: string[];
  load: () => Promise<FunctionComponent<PageProps>>;
}

export const pages: PageEntry[] = [
  { id: 'overview', segment: '', needs: [], load: () => import('./overview').then((m) => m.OverviewPage) },
  {
    id: 'material',
    segment: 'material',
    needs: ['/api/materials/{material}'],
    load: () => import('./material').then((m) => m.MaterialPage),
  },
  {
    id: 'belgium',
    segment: 'belgium',
    needs: ['/api/belgium/crm-imports'],
    load: () => import('./belgium').then((m) => m.BelgiumPage),
  },
  {
    id: 'dependencies',
    segment: 'dependencies',
    needs: ['/api/screen'],
    load: () => import('./analyses').then((m) => m.DependenciesPage),
  },
  {
    id: 'scenarios',
    segment: 'scenarios',
    needs: ['/api/io/shock'],
    load: () => import('./analyses').then((m) => m.ScenariosPage),
  },
  {
    id: 'benchmarks',
    segment: 'benchmarks',
    needs: ['/api/benchmarks'],
    load: () => import('./analyses').then((m) => m.BenchmarksPage),
  },
  {
    id: 'stockpile',
    segment: 'stockpile',
    needs: ['/api/levers/stockpile'],
    load: () => import('./analyses').then((m) => m.StockpilePage),
  },
  {
    id: 'concentration',
    segment: 'concentration',
    needs: ['/api/concentration/{material}'],
    load: () => import('./analyses').then((m) => m.ConcentrationPage),
  },
  { id: 'explorer', segment: 'explorer', needs: [], load: () => import('./explorer').then((m) => m.ExplorerPage) },
];

export const pageOf = (route: Route) => pages.find((p) => p.segment === (route.segments[0] ?? ''));
