/**
 * PNG export: the drawn image framed with its title above and its source line below, so that a chart pasted
 * into a note still says where its numbers come from.
 */
export async function framedPng(image: string, size: { width: number; height: number }, title: string, source: string) {
  const scale = 2;
  const pad = 16;
  const font = 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';
  const measure = document.createElement('canvas').getContext('2d')!;
  measure.font = `12px ${font}`;
  const sourceLines = wrap(measure, source, size.width);
  const top = 34;
  const bottom = 10 + sourceLines.length * 16;
  const canvas = document.createElement('canvas');
  canvas.width = (size.width + 2 * pad) * scale;
  canvas.height = (size.height + top + bottom + pad) * scale;
  const ctx = canvas.getContext('2d')!;
  ctx.scale(scale, scale);
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.fillStyle = '#12355b';
  ctx.font = `600 15px ${font}`;
  ctx.fillText(title, pad, 24, size.width);
  ctx.drawImage(await loadImage(image), pad, top, size.width, size.height);
  ctx.fillStyle = '#555555';
  ctx.font = `12px ${font}`;
  sourceLines.forEach((line, i) => {
    ctx.fillText(line, pad, top + size.height + 16 + i * 16, size.width);
  });
  return canvas.toDataURL('image/png');
}

function wrap(ctx: CanvasRenderingContext2D, text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    const next = line ? `${line} ${word}` : word;
    if (ctx.measureText(next).width > width && line) {
      lines.push(line);
      line = word;
    } else line = next;
  }
  if (line) lines.push(line);
  return lines;
}

function loadImage(src: string): Promise<HTMLImageElement> {
  return new Promise((resolve, reject) => {
    const img = new Image();
    img.onload = () => resolve(img);
    img.onerror = () => reject(new Error('the chart image could not be drawn'));
    img.src = src;
  });
}

/** An SVG element as a data URL, with its computed size. */
export function svgDataUrl(svg: SVGSVGElement): { url: string; width: number; height: number } {
  const box = svg.getBoundingClientRect();
  const copy = svg.cloneNode(true) as SVGSVGElement;
  copy.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  copy.setAttribute('width', String(box.width));
  copy.setAttribute('height', String(box.height));
  const text = new XMLSerializer().serializeToString(copy);
  return { url: `data:image/svg+xml;charset=utf-8,${encodeURIComponent(text)}`, width: box.width, height: box.height };
}

export function downloadUrl(url: string, filename: string): void {
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
}
