/** Paths and temporary folders shared by the tests. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sharedDir } from '../../src/util/paths.js';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const FIXTURES = join(ROOT, 'test', 'fixtures');
export const SOURCES = join(ROOT, 'sources');
export const CLI = join(ROOT, 'lib', 'cli.js');
export const SHARED = sharedDir(ROOT);

export function tempDir(prefix = 'dih-ld-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}
