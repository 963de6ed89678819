/**
 * The publication's files (dumps, catalogue, VoID, the HTML site) served from the --data folder
 * at their published paths. Paths are resolved inside the folder only: no "..", no hidden files,
 * no symlink leaving it.
 */
import { existsSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { extname, join, resolve, sep } from 'node:path';
import { STATIC_TYPES } from './formats.js';

export interface StaticFile { path: string; type: string }

/** The file a URL path names inside `root`, or undefined. `index.html` stands for a folder. */
export function staticFile(root: string, urlPath: string): StaticFile | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return undefined;
  }
  const segments = decoded.split('/').filter(Boolean);
  if (segments.some((s) => s.startsWith('.') || s.includes('\\') || s.includes('\0'))) return undefined;
  const realRoot = realpathSync(root);
  let file = resolve(realRoot, ...segments);
  if (!existsSync(file)) return undefined;
  if (statSync(file).isDirectory()) file = join(file, 'index.html');
  if (!existsSync(file) || !statSync(file).isFile()) return undefined;
  const real = realpathSync(file);
  if (real !== realRoot && !real.startsWith(realRoot + sep)) return undefined;
  return { path: real, type: STATIC_TYPES[extname(real).toLowerCase()] ?? 'application/octet-stream' };
}

export const readStatic = (file: StaticFile): Buffer => readFileSync(file.path);
