/** `dih-ld mqa`: the data.europa.eu metadata quality score of a publication's catalogue, by indicator. */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { formatScore, readCatalog, scoreCatalog } from '../mqa/score.js';
import { loadCatalogShapes, loadOfficialDcatApShapes } from '../validate/shapes.js';
import { sharedDir } from '../util/paths.js';
import { asUsage, UsageError } from './args.js';

/** Where the official DCAT-AP shapes are looked for when --dcat-ap-shapes is not given. */
const OFFICIAL_SHAPES = join(sharedDir(), 'dcat-ap', '3.0.1');

export async function mqaCommand(args: string[]): Promise<number> {
  const { values, positionals } = asUsage(() => parseArgs({ args, allowPositionals: true, strict: true, options: {
    'dcat-ap-shapes': { type: 'string' },
    'publication-base': { type: 'string' },
    json: { type: 'boolean', default: false },
  } }));
  if (positionals.length !== 1) throw new UsageError('mqa needs exactly one publication folder (e.g. dist) or catalogue file');
  const dist = positionals[0] as string;
  const officialDir = values['dcat-ap-shapes'] ?? (existsSync(join(OFFICIAL_SHAPES, 'shapes.ttl')) ? OFFICIAL_SHAPES : undefined);
  if (values['dcat-ap-shapes'] && !existsSync(join(values['dcat-ap-shapes'], 'shapes.ttl'))) throw new UsageError(`no DCAT-AP shapes.ttl in ${values['dcat-ap-shapes']}`);
  const shapes = officialDir ? loadOfficialDcatApShapes(officialDir) : loadCatalogShapes();
  const score = await scoreCatalog(readCatalog(dist), dist.endsWith('.ttl') ? undefined : dist, { shapes, ...(values['publication-base'] ? { publicationBase: values['publication-base'] } : {}) });
  if (values.json) process.stdout.write(`${JSON.stringify({ ...score, indicators: score.indicators.map((s) => ({ id: s.indicator.id, name: s.indicator.name, points: s.points, max: s.indicator.points, passed: s.passed, of: s.of, note: s.note })) }, null, 2)}\n`);
  else process.stdout.write(`${formatScore(score)}DCAT-AP compliance checked with ${officialDir ? `the official DCAT-AP 3.0.1 shapes (${officialDir})` : 'dih-ld\'s own DCAT-AP shapes (shapes/catalog.ttl)'}\n`);
  return 0;
}
