/** `dih-ld validate`: SHACL report of a publication or of sources. */
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Quad } from 'n3';
import { formatDiagnostic } from '../model/diagnostics.js';
import { assemble } from '../pipeline.js';
import { loadGraph } from '../query/engine.js';
import { loadCatalogShapes, loadShapes } from '../validate/shapes.js';
import { readCatalog } from '../mqa/score.js';
import { validateQuads } from '../validate/validate.js';
import { formatOutcome } from '../validate/report.js';
import { DEFAULT_BASE, PREFIXES } from '../vocab/namespaces.js';
import { parseArgs } from 'node:util';
import { asUsage, UsageError } from './args.js';
import { append } from '../util/arrays.js';

const isPublication = (p: string) => existsSync(p) && statSync(p).isDirectory() && existsSync(join(p, 'dih.nq'));

export async function validateCommand(args: string[]): Promise<number> {
  const { values, positionals } = asUsage(() => parseArgs({ args, allowPositionals: true, strict: true, options: { base: { type: 'string' } } }));
  if (!positionals.length) throw new UsageError('validate needs a publication folder (e.g. dist) or sources');
  const base = values.base ?? DEFAULT_BASE;
  let quads: Quad[] = [];
  let inputErrors = 0;
  const sources = positionals.filter((p) => !isPublication(p) && !p.endsWith('.nq'));
  for (const p of positionals.filter((x) => !sources.includes(x))) append(quads, (await loadGraph(p)).getQuads(null, null, null, null));
  if (sources.length) {
    const assembled = await assemble(sources, { base });
    for (const d of assembled.diagnostics) process.stderr.write(`${formatDiagnostic(d)}\n`);
    inputErrors = assembled.diagnostics.filter((d) => d.severity === 'error').length;
    quads = quads.concat(assembled.quads);
  }
  const outcome = await validateQuads(quads, loadShapes(base));
  process.stdout.write(formatOutcome(outcome, PREFIXES));
  const catalogViolations = await validateCatalogs(positionals.filter(isPublication));
  return outcome.violations || inputErrors || catalogViolations ? 1 : 0;
}

/** A publication's DCAT-AP catalogue (catalog.ttl), against our catalogue shapes (shapes/catalog*.ttl). */
async function validateCatalogs(publications: string[]): Promise<number> {
  let violations = 0;
  for (const dir of publications) {
    const file = join(dir, 'catalog.ttl');
    if (!existsSync(file)) continue;
    const outcome = await validateQuads(readCatalog(file), loadCatalogShapes());
    process.stdout.write(`\ncatalogue ${file} (DCAT-AP 3.0):\n${formatOutcome(outcome, PREFIXES)}`);
    violations += outcome.violations;
  }
  return violations;
}
