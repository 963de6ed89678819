/**
 * Loading Comunica fast: a first query waits for it. As ~1,500 ES modules it takes 1.1-1.4 s to
 * import on our 2-core machine; bundled by `make` into one CommonJS file (comunica.bundle.cjs,
 * esbuild, names kept) it takes ~0.7 s, and ~0.6 s when V8 reuses the code it compiled for it the
 * last time (a code cache next to the bundle, what Node 22's module.enableCompileCache does, done
 * here so Node 20 has it too). Without a bundle the modules are imported as they are.
 */
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire, Module } from 'node:module';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Script } from 'node:vm';

export type Comunica = typeof import('./comunica-entry.js');

export const COMUNICA_BUNDLE = fileURLToPath(new URL('./comunica.bundle.cjs', import.meta.url));
const CODE_CACHE = `${COMUNICA_BUNDLE}.v8cache`;

/** Comunica's exports that dih-ld uses, and whether they came from the bundle. */
export async function loadComunica(): Promise<{ comunica: Comunica; bundled: boolean }> {
  if (!existsSync(COMUNICA_BUNDLE)) return { comunica: await import('./comunica-entry.js'), bundled: false };
  return { comunica: runBundle(), bundled: true };
}

function runBundle(): Comunica {
  const cachedData = existsSync(CODE_CACHE) ? readFileSync(CODE_CACHE) : undefined;
  const script = new Script((Module as unknown as { wrap(code: string): string }).wrap(readFileSync(COMUNICA_BUNDLE, 'utf8')), { filename: COMUNICA_BUNDLE, cachedData });
  const module = { exports: {} as Comunica };
  const load = script.runInThisContext() as (exports: unknown, require: NodeJS.Require, module: unknown, filename: string, dirname: string) => void;
  load.call(module.exports, module.exports, createRequire(COMUNICA_BUNDLE), module, COMUNICA_BUNDLE, dirname(COMUNICA_BUNDLE));
  if (!cachedData || script.cachedDataRejected) {
    // After the first engine is made, so the cache holds the code that making one compiled.
    setImmediate(() => saveCodeCache(script));
  }
  return module.exports;
}

/** A cache that cannot be written (a read-only install) only costs the next start its ~0.1 s. */
function saveCodeCache(script: Script): void {
  const tmp = `${CODE_CACHE}.${process.pid}.tmp`;
  try {
    writeFileSync(tmp, script.createCachedData());
    renameSync(tmp, CODE_CACHE);
  } catch {
    // not writable: nothing to do
  }
}
