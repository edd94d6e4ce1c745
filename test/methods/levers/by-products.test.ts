import assert from 'node:assert/strict';
import { test } from 'node:test';
import { byProductDefaults, companionEffects } from '../../../src/methods/levers/by-products.js';

const edges = [
  { host: 'aluminium-bauxite', companion: 'gallium', relation: 'main-host' as const },
  { host: 'zinc', companion: 'gallium', relation: 'host' as const },
  { host: 'zinc', companion: 'indium', relation: 'main-host' as const },
  { host: 'zinc', companion: 'germanium', relation: 'main-host' as const },
  { host: 'phosphate-rock', companion: 'ree', relation: 'potential' as const },
];

test('a zinc cut moves indium and germanium one for one and gallium by its zinc weight (hand-computed)', () => {
  const out = companionEffects(edges, { zinc: -0.3 }, byProductDefaults);
  assert.deepEqual(
    out.map((e) => [e.companion, Math.round(e.change * 1e6) / 1e6]),
    [
      ['gallium', -0.1], // weight 0.5 / (1 + 0.5) = 1/3 → −0.3 / 3
      ['germanium', -0.3],
      ['indium', -0.3],
    ],
  );
});

test('both gallium hosts down 20% → gallium down 20%; a potential host moves nothing', () => {
  const out = companionEffects(
    edges,
    { zinc: -0.2, 'aluminium-bauxite': -0.2, 'phosphate-rock': -0.5 },
    byProductDefaults,
  );
  const ga = out.find((e) => e.companion === 'gallium');
  assert.ok(ga && Math.abs(ga.change + 0.2) < 1e-12);
  assert.equal(out.find((e) => e.companion === 'ree')?.change, 0);
});

test('by-product share scales the effect; the change is clamped at −1', () => {
  const half = companionEffects(edges, { zinc: -0.4 }, { ...byProductDefaults, byProductShare: { indium: 0.5 } });
  assert.equal(half.find((e) => e.companion === 'indium')?.change, -0.2);
  assert.throws(() => companionEffects(edges, { zinc: -2 }, byProductDefaults), /impossible change of zinc output: -2/);
});
