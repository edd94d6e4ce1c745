/**
 * Broad product segments of the NBB breakdown (docs/methods.md §3 step 6: chemicals, machinery, electronics,
 * textiles, base metals, other), by HS chapter. The chapter ranges are ours [U: assumed — NBB does not publish
 * its mapping]: chemicals 28–40 (incl. pharmaceuticals, plastics, rubber), machinery 84, electronics 85 and 90,
 * textiles 50–63, base metals 72–83, everything else "other".
 * GTAP sectors (SERV Fig. 87) need a GTAP–HS concordance that Radar does not ship.
 */

export const segmentOrder = ['chemicals', 'machinery', 'electronics', 'textiles', 'base metals', 'other'] as const;
export type Segment = (typeof segmentOrder)[number];

/** @example segmentOf('293100') // 'chemicals' */
export function segmentOf(product: string): Segment {
  const chapter = Number(product.slice(0, 2));
  if (chapter >= 28 && chapter <= 40) return 'chemicals';
  if (chapter === 84) return 'machinery';
  if (chapter === 85 || chapter === 90) return 'electronics';
  if (chapter >= 50 && chapter <= 63) return 'textiles';
  if (chapter >= 72 && chapter <= 83) return 'base metals';
  return 'other';
}
