import { execFile } from 'node:child_process';
import { accessSync, chmodSync, constants, copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir, userInfo } from 'node:os';
import { basename, join } from 'node:path';
import { promisify } from 'node:util';
import { UserError } from '../domain/errors.js';

/**
 * Archives of the trade sources (Comext .7z, BACI .zip), unpacked with the 7za binary of the 7zip-bin package.
 * Members are extracted to a temporary directory (DuckDB reads plain files; a 7z stream cannot be fed to it) and
 * removed afterwards. A damaged or truncated archive is a UserError naming the file and 7-Zip's complaint.
 */

const run = promisify(execFile);

/** Path to a runnable 7za. Some installs lose the package's executable bit; a private copy with mode 755 fixes it. */
export function sevenZipPath(): string {
  const { path7za } = createRequire(import.meta.url)('7zip-bin') as { path7za: string };
  try {
    accessSync(path7za, constants.X_OK);
    return path7za;
  } catch {
    const dir = join(tmpdir(), `radar-7za-${userInfo().uid}`);
    const copy = join(dir, basename(path7za));
    if (!existsSync(copy)) {
      mkdirSync(dir, { recursive: true });
      copyFileSync(path7za, copy);
      chmodSync(copy, 0o755);
    }
    return copy;
  }
}

async function sevenZip(args: string[], label: string): Promise<string> {
  try {
    const { stdout } = await run(sevenZipPath(), args, { maxBuffer: 64 * 1024 * 1024 });
    return stdout;
  } catch (error) {
    const e = error as { stderr?: string; stdout?: string; message: string };
    const said = `${e.stderr ?? ''}\n${e.stdout ?? ''}`
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => /error|unexpected|can ?not|crc|headers/i.test(l))
      .join('; ');
    throw new UserError(
      `${label}: the archive is damaged or truncated (7-Zip: ${said || e.message}); expected a complete archive. ` +
        'Download it again. Nothing was imported.',
    );
  }
}

/** Names of the files in an archive. */
export async function listArchive(path: string, label: string): Promise<string[]> {
  const out = await sevenZip(['l', '-slt', '-ba', path], label);
  // -slt prints one "Key = value" block per member, blocks separated by blank lines.
  const names: string[] = [];
  for (const block of out.split(/\r?\n\r?\n/)) {
    const fields = Object.fromEntries(
      block.split(/\r?\n/).flatMap((l) => {
        const at = l.indexOf(' = ');
        return at > 0 ? [[l.slice(0, at).trim(), l.slice(at + 3).trim()]] : [];
      }),
    );
    const directory = fields.Folder === '+' || (fields.Attributes ?? '').startsWith('D');
    if (fields.Path && !directory) names.push(fields.Path);
  }
  return names;
}

export interface Extracted {
  /** Extracted file path and the member's name inside the archive. */
  files: { path: string; member: string }[];
  cleanup: () => void;
}

/** Extract the named members (all when omitted) of an archive into a fresh temporary directory. */
export async function extractArchive(path: string, label: string, members?: string[]): Promise<Extracted> {
  const dir = mkdtempSync(join(tmpdir(), 'radar-extract-'));
  const cleanup = () => rmSync(dir, { recursive: true, force: true });
  try {
    const names = members ?? (await listArchive(path, label));
    // e: flat extraction; -y answers prompts; -bd hides the percentage indicator.
    await sevenZip(['e', '-y', '-bd', `-o${dir}`, path, ...names], label);
    const files = names.map((member) => ({ member, path: join(dir, basename(member)) }));
    const missing = files.find((f) => !existsSync(f.path));
    if (missing) throw new UserError(`${label}: member ${missing.member} could not be extracted`);
    return { files, cleanup };
  } catch (error) {
    cleanup();
    throw error;
  }
}

/** True for file names 7-Zip should unpack before import. */
export function isArchive(name: string): boolean {
  return /\.(7z|zip)$/i.test(name);
}

/** One file to import: a plain file, or a member of an archive, extracted when its turn comes. */
export interface InputUnit {
  label: string;
  path?: string;
  archive?: { path: string; member: string };
}

/** Run `work` on a unit's file; an archive member is extracted first and deleted after (one at a time on disk). */
export async function withUnitFile<T>(
  unit: InputUnit,
  work: (file: { path: string; label: string }) => Promise<T>,
): Promise<T> {
  if (unit.path) return work({ path: unit.path, label: unit.label });
  if (!unit.archive) throw new Error(`input ${unit.label} has neither a path nor an archive member`);
  const { path, member } = unit.archive;
  const extracted = await extractArchive(path, basename(path), [member]);
  try {
    return await work({ path: extracted.files[0].path, label: unit.label });
  } finally {
    extracted.cleanup();
  }
}
