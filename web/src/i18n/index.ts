import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { Lang } from '../router';
import { en } from './en';
import { fr } from './fr';
import { nl } from './nl';

export type Dict = typeof en;

const dictionaries: Record<Lang, Dict> = { en, nl, fr };

/** Everything a view needs to speak the reader's language: the dictionary, and Intl formatters bound to it. */
export interface I18n {
  lang: Lang;
  t: Dict;
  /** A number with at most `digits` decimals (default 2), in the language's notation. */
  num: (value: number | null | undefined, digits?: number) => string;
  /** A fraction in [0, 1] as a percentage. */
  pct: (value: number | null | undefined, digits?: number) => string;
  /** A country's name from its ISO 3166-1 alpha-2 code (Intl.DisplayNames), else the fallback. */
  country: (iso2: string | null | undefined, fallback?: string) => string;
  /** A row's name in the language: row[`${key}_nl`] / row[`${key}_fr`] as the API sends them, else row[key]. */
  name: (row: Record<string, unknown> | undefined, key?: string) => string;
  /** A column's label, else the column name. */
  column: (name: string) => string;
}

export function makeI18n(lang: Lang): I18n {
  const t = dictionaries[lang];
  const formats = new Map<string, Intl.NumberFormat>();
  const format = (style: 'decimal' | 'percent', digits: number) => {
    const key = `${style}${digits}`;
    let f = formats.get(key);
    if (!f) {
      f = new Intl.NumberFormat(lang, { style, maximumFractionDigits: digits });
      formats.set(key, f);
    }
    return f;
  };
  const regions = new Intl.DisplayNames([lang], { type: 'region', fallback: 'none' });
  const columns = t.columns as Record<string, string>;
  return {
    lang,
    t,
    num: (v, digits = 2) =>
      v === null || v === undefined || Number.isNaN(v) ? '–' : format('decimal', digits).format(v),
    pct: (v, digits = 1) =>
      v === null || v === undefined || Number.isNaN(v) ? '–' : format('percent', digits).format(v),
    country: (iso2, fallback = '') => {
      if (!iso2) return fallback;
      try {
        return regions.of(iso2) ?? fallback;
      } catch {
        return fallback || iso2;
      }
    },
    name: (row, key = 'name') => {
      if (!row) return '';
      const local = lang === 'en' ? undefined : row[`${key}_${lang}`];
      return String(local || row[key] || '');
    },
    column: (name) => columns[name] ?? name.replaceAll('_', ' '),
  };
}

export const I18nContext = createContext<I18n>(makeI18n('en'));

export const useI18n = () => useContext(I18nContext);
