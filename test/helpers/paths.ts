/** Paths and temporary folders shared by the tests. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sharedDir } from '../../src/util/paths.js';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const FIXTURES = join(ROOT, 'test', 'fixtures');
export const SOURCES = join(ROOT, 'sources');
export const CLI = join(ROOT, 'lib', 'cli.js');
export const SHARED = sharedDir(ROOT);

/** Folders made by tempDir, removed when the process exits. */
const made: string[] = [];

function removeMade(): void {
  for (const dir of made.splice(0)) {
    try {
      rmSync(dir, { recursive: true, force: true });
    } catch {
      // a folder something else still writes into: left, as the system's temp cleaning will
    }
  }
}

/**
 * A fresh folder under the system's temp folder, removed when the process exits (a `make test`
 * made ~80 of them, some of 10,000 hubs' publications). DIH_KEEP_TEMP=1 keeps them, to look at.
 */
export function tempDir(prefix = 'dih-ld-test-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  if (!process.env.DIH_KEEP_TEMP) {
    if (!made.length) process.once('exit', removeMade);
    made.push(dir);
  }
  return dir;
}
