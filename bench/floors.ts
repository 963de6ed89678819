/**
 * Floors of a build on this machine: parts of the work every build of a publication must do,
 * each done alone and in the cheapest way there is, so that the scale bench can say how much of
 * its target they take before any real work starts (issue 7). For a publication already built
 * from its sources:
 * - write: every file of the publication written again (same paths, same sizes) from one reused
 *   buffer, by as many writers as the machine has cores, each a share of the files. No text is
 *   made; what is left is the file system's cost of taking the bytes.
 * - parse: the sources parsed by the fastest parsers for their formats (JSON.parse, js-yaml's
 *   loadAll), nothing done with what they give, on one core.
 * - hash: SHA-256 over as many bytes as the publication has (the catalogue's checksums), on one core.
 *
 *   node --import tsx bench/floors.ts PUBLICATION SOURCES SCRATCH   (prints one JSON object)
 *
 * SCRATCH (a folder that must not exist) is removed at the end.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { extname, join, relative } from 'node:path';
import { Worker } from 'node:worker_threads';
import { loadAll } from 'js-yaml';

export interface Floors {
  /** Writers used (the machine's cores). */
  writers: number;
  files: number;
  bytes: number;
  writeMs: number;
  /** Source files parsed, and the milliseconds it took. */
  parsed: number;
  parseMs: number;
  hashMs: number;
}

function filesUnder(dir: string): { path: string; size: number }[] {
  const out: { path: string; size: number }[] = [];
  const walk = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile()) out.push({ path: p, size: statSync(p).size });
    }
  };
  walk(dir);
  return out;
}

/** A writer: makes each file it is given, of the given size, from one buffer, and says when done. */
const WRITER = `
const { workerData, parentPort } = require('node:worker_threads');
const { closeSync, mkdirSync, openSync, writeSync } = require('node:fs');
const { dirname } = require('node:path');
const chunk = Buffer.alloc(2 ** 20, 0x61);
const made = new Set();
for (const [path, size] of workerData) {
  const dir = dirname(path);
  if (!made.has(dir)) { mkdirSync(dir, { recursive: true }); made.add(dir); }
  const fd = openSync(path, 'w');
  for (let left = size; left > 0; left -= chunk.length) writeSync(fd, chunk, 0, Math.min(left, chunk.length));
  closeSync(fd);
}
parentPort.postMessage('done');
`;

async function writeFloor(files: { path: string; size: number }[], publication: string, scratch: string, writers: number): Promise<number> {
  const shares: [string, number][][] = Array.from({ length: writers }, () => []);
  files.forEach((f, i) => shares[i % writers]!.push([join(scratch, relative(publication, f.path)), f.size]));
  // the threads start (and load nothing) before the clock does
  const workers = shares.map((share) => new Worker(WRITER, { eval: true, workerData: share }));
  const started = performance.now();
  await Promise.all(workers.map((w) => new Promise((resolve, reject) => {
    w.once('message', resolve);
    w.once('error', reject);
  })));
  const ms = performance.now() - started;
  await Promise.all(workers.map((w) => w.terminate()));
  return ms;
}

function parseFloor(sources: string): { parsed: number; ms: number } {
  let parsed = 0;
  let ms = 0;
  for (const { path } of filesUnder(sources)) {
    const ext = extname(path).toLowerCase();
    if (ext !== '.json' && ext !== '.yaml' && ext !== '.yml') continue;
    const text = readFileSync(path, 'utf8');
    const started = performance.now();
    if (ext === '.json') JSON.parse(text);
    else loadAll(text, () => undefined);
    ms += performance.now() - started;
    parsed++;
  }
  return { parsed, ms };
}

function hashFloor(bytes: number): number {
  const chunk = Buffer.alloc(8 * 2 ** 20, 0x61);
  const started = performance.now();
  const hash = createHash('sha256');
  for (let left = bytes; left > 0; left -= chunk.length) hash.update(left >= chunk.length ? chunk : chunk.subarray(0, left));
  hash.digest();
  return performance.now() - started;
}

export async function measureFloors(publication: string, sources: string, scratch: string): Promise<Floors> {
  if (statSync(scratch, { throwIfNoEntry: false })) throw new Error(`${scratch} exists: the write floor needs a folder of its own`);
  const files = filesUnder(publication);
  const bytes = files.reduce((sum, f) => sum + f.size, 0);
  const writers = availableParallelism();
  try {
    const writeMs = await writeFloor(files, publication, scratch, writers);
    const { parsed, ms: parseMs } = parseFloor(sources);
    return { writers, files: files.length, bytes, writeMs, parsed, parseMs, hashMs: hashFloor(bytes) };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

if (import.meta.filename === process.argv[1]) {
  const [publication, sources, scratch] = process.argv.slice(2);
  if (!publication || !sources || !scratch) throw new Error('usage: floors.ts PUBLICATION SOURCES SCRATCH');
  console.log(JSON.stringify(await measureFloors(publication, sources, scratch)));
}
