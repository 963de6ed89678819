/**
 * Atomic publication: everything is written into a temporary sibling folder, then swapped in
 * with renames, so a failed or killed build leaves the previous publication as it was.
 */
import { mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync, existsSync, readdirSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';

export type PublicationFiles = Map<string, string | Uint8Array>;

/** Temporary folders of earlier runs that were killed midway: removed before a new build. */
export function removeStaleTemporaries(outDir: string): void {
  const parent = dirname(resolve(outDir));
  const prefix = `.${basename(resolve(outDir))}.`;
  if (!existsSync(parent)) return;
  for (const entry of readdirSync(parent)) {
    if (entry.startsWith(prefix)) rmSync(join(parent, entry), { recursive: true, force: true });
  }
}

export function writePublication(outDir: string, files: PublicationFiles): void {
  const target = resolve(outDir);
  const parent = dirname(target);
  mkdirSync(parent, { recursive: true });
  removeStaleTemporaries(target);
  const staging = mkdtempSync(join(parent, `.${basename(target)}.`));
  try {
    for (const [name, content] of [...files.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) {
      const path = join(staging, name);
      if (!path.startsWith(staging + '/')) throw new Error(`refusing to write outside the publication: ${name}`);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, content);
    }
    const old = `${staging}.old`;
    if (existsSync(target)) renameSync(target, old);
    renameSync(staging, target);
    rmSync(old, { recursive: true, force: true });
  } catch (err) {
    rmSync(staging, { recursive: true, force: true });
    throw err;
  }
}
