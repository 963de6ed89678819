/**
 * Starting a worker thread on a sibling module, whether the code runs compiled (lib/*.js) or from
 * source under tsx (tests, benchmarks): Node 20 does not carry tsx's loader into a worker's entry,
 * so there the worker registers it first, then imports the TypeScript entry.
 */
import { Worker } from 'node:worker_threads';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** `name` is the module's file name without extension, resolved next to `fromUrl` (an import.meta.url). */
export function startWorker(name: string, fromUrl: string, workerData: unknown): Worker {
  const fromSource = fromUrl.endsWith('.ts');
  const file = fileURLToPath(new URL(`./${name}${fromSource ? '.ts' : '.js'}`, fromUrl));
  if (!fromSource) return new Worker(file, { workerData });
  // Resolved through the package folder: under a CommonJS transform import.meta.resolve is missing,
  // and require.resolve would pick tsx's CommonJS build.
  const tsxDir = dirname(createRequire(fromUrl).resolve('tsx/package.json'));
  const tsx = pathToFileURL(join(tsxDir, 'dist', 'esm', 'api', 'index.mjs')).href;
  return new Worker(`import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(pathToFileURL(file).href)}); })`, { eval: true, workerData });
}
