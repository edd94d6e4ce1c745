import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Repository root, whether running from test/ through tsx or from dist/test/ after tsc. */
export const repoRoot = (() => {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) dir = dirname(dir);
  return dir;
})();

/**
 * The shared folder of real public samples (never copied into the repository).
 * RADAR_REAL_DATA overrides the default `<repo>/../shared/data/real`.
 */
export const realDataDir = resolve(process.env.RADAR_REAL_DATA ?? join(repoRoot, '..', 'shared', 'data', 'real'));

/** Path of a real sample, or undefined (with a printed notice) when the folder is absent, so the test can skip. */
export function realFile(relative: string): string | undefined {
  const path = join(realDataDir, relative);
  if (existsSync(path)) return path;
  console.log(`# skip: real data ${relative} not found under ${realDataDir} (a fresh clone has none)`);
  return undefined;
}
