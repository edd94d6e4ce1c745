import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

/**
 * Where the store lives: RADAR_DATA_DIR, else the platform's per-user data directory
 * (XDG_DATA_HOME or ~/.local/share on Linux, ~/Library/Application Support on macOS, %LOCALAPPDATA% on Windows).
 */
export function dataDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.RADAR_DATA_DIR) return resolve(env.RADAR_DATA_DIR);
  if (process.platform === 'win32') return join(env.LOCALAPPDATA ?? join(homedir(), 'AppData', 'Local'), 'radar');
  if (process.platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'radar');
  return join(env.XDG_DATA_HOME ?? join(homedir(), '.local', 'share'), 'radar');
}

export function storePath(env: NodeJS.ProcessEnv = process.env): string {
  return join(dataDir(env), 'radar.duckdb');
}
