/**
 * `dih-ld index`: writes a publication's query index (dih.nq.idx) from its dih.nq. A build that
 * holds the whole graph writes the index itself; a build in batches (big inputs) does not, since
 * the index needs every term at once, so `query` and `serve` would parse dih.nq on every start.
 */
import { existsSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { asUsage, UsageError } from './args.js';
import { queryStoreOf } from '../query/engine.js';
import { fingerprintOfFile, QUAD_INDEX_FILE, quadIndexBytes, stampQuadIndex } from '../query/quad-index-file.js';
import { step } from '../util/progress.js';

export async function indexCommand(args: string[]): Promise<number> {
  const { values } = asUsage(() => parseArgs({ args, strict: true, options: { data: { type: 'string', default: 'dist' } } }));
  const dir = values.data;
  const source = join(dir, 'dih.nq');
  if (!existsSync(source)) throw new UsageError(`${source} not found: --data must be a publication folder (what \`dih-ld build\` writes)`);
  // Taken before the parse: an index stamped with the dih.nq it was made from, even if a build
  // replaces the folder meanwhile (then the index is refused as stale, never used wrongly).
  const stamp = fingerprintOfFile(source);
  // The parser's quads go into the index as they come: only term ids are kept.
  const indexing = step(`reading and indexing ${source}`);
  const index = await queryStoreOf(dir);
  const bytes = quadIndexBytes(index);
  stampQuadIndex(bytes, stamp);
  indexing.done();
  const target = join(dir, QUAD_INDEX_FILE);
  const temporary = `${target}.${process.pid}.tmp`;
  try {
    writeFileSync(temporary, bytes);
    renameSync(temporary, target);
  } catch (err) {
    rmSync(temporary, { force: true });
    throw err;
  }
  process.stderr.write(`wrote ${target} (${(bytes.byteLength / 2 ** 20).toFixed(1)} MB, ${index.size} quads)\n`);
  return 0;
}
