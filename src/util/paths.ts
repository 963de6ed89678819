/** Locations of the files the package ships (ontology, shapes, queries), wherever it is installed, and of the shared inputs. */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Package root: two levels above this module, both from `src/util/` (tsx) and `lib/util/` (compiled). */
export const packageRoot = (): string => join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const ontologyDir = (): string => join(packageRoot(), 'ontology');
export const shapesDir = (): string => join(packageRoot(), 'shapes');
export const queriesDir = (): string => join(packageRoot(), 'queries');

/**
 * The shared inputs read in place (registry exports, the official DCAT-AP shapes): $DIH_SHARED,
 * else `shared/` beside the package, else beside the repository this checkout was cloned from when
 * that is a folder on this machine (a clean clone in a temporary folder, as CI makes).
 */
export function sharedDir(root: string = packageRoot(), env: NodeJS.ProcessEnv = process.env): string {
  if (env.DIH_SHARED) return resolve(env.DIH_SHARED);
  const beside = join(root, '..', 'shared');
  if (existsSync(beside)) return beside;
  const origin = localOrigin(root);
  const besideOrigin = origin && join(origin, '..', 'shared');
  return besideOrigin && existsSync(besideOrigin) ? besideOrigin : beside;
}

/** The folder `origin` points at in the checkout's .git/config, if it is a local path. */
function localOrigin(root: string): string | undefined {
  let config: string;
  try {
    config = readFileSync(join(root, '.git', 'config'), 'utf8');
  } catch {
    return undefined;
  }
  const url = /\[remote "origin"\][^[]*?^\s*url\s*=\s*(.+?)\s*$/m.exec(config)?.[1];
  if (!url) return undefined;
  if (url.startsWith('file://')) return fileURLToPath(url);
  // a local path, absolute or relative to the checkout; not host:path or a URL
  return /^[a-z][a-z0-9+.-]*:/i.test(url) ? undefined : resolve(root, url);
}
