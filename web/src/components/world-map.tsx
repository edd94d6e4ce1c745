import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Result } from '../api';
import { useI18n } from '../i18n';
import { Panel, sourceText } from './panel';
import { downloadUrl, framedPng, svgDataUrl } from './png';

export interface MapValue {
  value: number;
  label: string;
}

interface Shape {
  id: string;
  d: string;
}

const width = 960;
const height = 470;

/** Country outlines projected once (Natural Earth 1:110m from world-atlas, Equal Earth projection), loaded lazily. */
let shapes: Promise<Shape[]> | undefined;
function loadShapes(): Promise<Shape[]> {
  shapes ??= Promise.all([import('world-atlas/countries-110m.json'), import('topojson-client'), import('d3-geo')]).then(
    ([atlas, topojson, geo]) => {
      // biome-ignore lint/suspicious/noExplicitAny: the TopoJSON file is typed loosely by the JSON import
      const topology = (atlas.default ?? atlas) as any;
      const countries = topojson.feature(topology, topology.objects.countries) as unknown as {
        features: { id?: string; geometry: GeoJSON.Geometry }[];
      };
      const projection = geo.geoEqualEarth().fitSize([width, height], { type: 'Sphere' });
      const path = geo.geoPath(projection);
      return countries.features.map((f) => ({ id: String(f.id ?? ''), d: path(f.geometry) ?? '' }));
    },
  );
  return shapes;
}

/** Sequential blues; no data stays light grey. */
function fill(value: number | undefined, max: number): string {
  if (value === undefined) return '#e9ecf0';
  const t = max > 0 ? Math.sqrt(value / max) : 0;
  const mix = (a: number, b: number) => Math.round(a + (b - a) * t);
  return `rgb(${mix(214, 18)}, ${mix(230, 53)}, ${mix(245, 91)})`;
}

interface MapPanelProps {
  title: string;
  /** Values by UN M49 code (world-atlas feature ids, zero-padded: '056'). */
  values: Map<string, MapValue>;
  format: (value: number) => string;
  legend: string;
  result: Result;
  path?: string;
  name: string;
  children?: ComponentChildren;
}

/** A choropleth world map in its panel, with CSV/XLSX/PNG downloads and its source line. */
export function MapPanel({ title, values, format, legend, result, path, name, children }: MapPanelProps) {
  const { t } = useI18n();
  const [outlines, setOutlines] = useState<Shape[] | null>(null);
  const svg = useRef<SVGSVGElement>(null);
  useEffect(() => {
    let live = true;
    loadShapes().then((s) => live && setOutlines(s));
    return () => {
      live = false;
    };
  }, []);
  const max = Math.max(0, ...[...values.values()].map((v) => v.value));
  const png = async () => {
    if (!svg.current) return;
    const image = svgDataUrl(svg.current);
    downloadUrl(await framedPng(image.url, image, title, sourceText(result, t)), `radar-${name}.png`);
  };
  return (
    <Panel title={title} path={path} result={result} png={png} name={name}>
      <svg
        ref={svg}
        class="world-map"
        viewBox={`0 0 ${width} ${height}`}
        role="img"
        aria-label={title}
        data-rendered={outlines ? 'true' : undefined}
      >
        <rect width={width} height={height} fill="#ffffff" />
        {outlines?.map((s, i) => {
          const v = values.get(s.id);
          return (
            <path
              key={`${s.id}-${i}`}
              d={s.d}
              fill={fill(v?.value, max)}
              stroke="#ffffff"
              stroke-width="0.5"
              data-m49={s.id}
            >
              {v && <title>{`${v.label}: ${format(v.value)}`}</title>}
            </path>
          );
        })}
        <g transform={`translate(24, ${height - 64})`} font-size="16" font-family="system-ui, sans-serif" fill="#333">
          <defs>
            <linearGradient id="map-legend">
              <stop offset="0" stop-color={fill(0, max)} />
              <stop offset="1" stop-color={fill(max, max)} />
            </linearGradient>
          </defs>
          <text y="-10">{legend}</text>
          <rect width="240" height="16" fill="url(#map-legend)" />
          <text y="40">{format(0)}</text>
          <text x="240" y="40" text-anchor="end">
            {format(max)}
          </text>
        </g>
      </svg>
      {children}
    </Panel>
  );
}
