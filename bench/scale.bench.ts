/**
 * The whole build on a synthetic registry of N hubs (issue 7: 100,000), as a user runs it
 * (`dih-ld build` in its own process), against the raw baseline measured in the same run:
 * streaming the same N-Triples to disk, one string per triple, in 1 MB writes (a child process
 * reading the build's dih.nt line by line), which is about what the machine can write.
 * Peak memory is each process's high-water mark (VmHWM), read while it runs.
 *
 *   DIH_SCALE_HUBS=100000 node --import tsx bench/scale.bench.ts
 *
 * Then the floors (bench/floors.ts): what writing the publication's bytes, parsing its sources
 * and hashing cost at the least on this machine, each alone, as shares of the same raw baseline.
 *
 * DIH_SCALE_HUBS (default 10000), DIH_SCALE_BATCH_HUBS (the build's --batch-hubs, default its own),
 * DIH_SCALE_DIR (keep the sources, the publication and the build's report, build.log, there instead
 * of a temporary folder).
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeSynthetic } from './generate.js';
import type { Floors } from './floors.js';

const root = join(import.meta.dirname ?? '.', '..');
const hubs = Number(process.env.DIH_SCALE_HUBS ?? 10_000);
const keep = process.env.DIH_SCALE_DIR;
const work = keep ?? mkdtempSync(join(tmpdir(), 'dih-bench-scale-'));
const sources = join(work, `syn${hubs}`);
const out = join(work, `dist-syn${hubs}`);

/** Runs a command, sampling its peak resident memory; resolves with wall time and peak. */
function measured(command: string, args: string[]): Promise<{ ms: number; peakMb: number; stderr: string }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(command, args, { cwd: root, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    let peakKb = 0;
    const sample = (): void => {
      try {
        const hwm = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
        if (hwm) peakKb = Math.max(peakKb, Number(hwm[1]));
      } catch {
        // gone already, or no /proc (then no memory figure)
      }
    };
    const timer = setInterval(sample, 200);
    child.on('error', reject);
    child.on('exit', (code) => {
      clearInterval(timer);
      const ms = performance.now() - started;
      // exit 1 is "published, with warnings or violations in the data"
      if (code !== 0 && code !== 1) reject(new Error(`${command} ${args.join(' ')} exited ${code}:\n${stderr.slice(-2000)}`));
      else resolve({ ms, peakMb: peakKb / 1024, stderr });
    });
  });
}

if (!existsSync(join(sources, 'synthetic.yaml'))) {
  const g = writeSynthetic(hubs, sources);
  console.log(`generated ${hubs} hubs (${g.duplicates} varied-name duplicates) into ${sources}`);
}
const cli = join(root, 'lib', 'cli.js');
if (!existsSync(cli)) throw new Error(`${cli} is missing: run make compile first`);
const batchArgs = process.env.DIH_SCALE_BATCH_HUBS ? ['--batch-hubs', process.env.DIH_SCALE_BATCH_HUBS] : [];
// As a user runs it: no Node flags. (A larger --max-old-space-size lets V8 collect later and
// raised the 100,000-hub peak from 4.0 to 4.4 GB.)
const built = await measured(process.execPath, [cli, 'build', sources, '--out', out, '--quiet', ...batchArgs]);
// The build's own report (with DIH_TIMINGS=1 its stages, memory after each), kept with the data.
if (keep) writeFileSync(join(work, 'build.log'), built.stderr);
const summary = /published .*: (.*)/.exec(built.stderr)?.[1] ?? '';
const triples = Number(/(\d+) triples/.exec(summary)?.[1] ?? NaN);
const raw = await measured(process.execPath, ['--import', 'tsx', join(root, 'bench', 'raw-ntriples.ts'), join(out, 'dih.nt'), join(work, 'raw.nt')]);
const mb = (f: string) => statSync(join(out, f)).size / 2 ** 20;
console.log(`synthetic registry of ${hubs} hubs: ${summary}`);
console.log(`dumps: dih.nt ${mb('dih.nt').toFixed(0)} MB, dih.nq ${mb('dih.nq').toFixed(0)} MB, dih.ttl ${mb('dih.ttl').toFixed(0)} MB, dih.jsonld ${mb('dih.jsonld').toFixed(0)} MB, dih.rdf ${mb('dih.rdf').toFixed(0)} MB`);
console.log(`baseline raw streamed N-Triples of the same ${triples} triples: ${(raw.ms / 1000).toFixed(1)} s (${(triples / raw.ms / 1000).toFixed(2)} M triples/s), peak ${raw.peakMb.toFixed(0)} MB`);
console.log(`dih-ld build, every serialization, validation, site and catalogue: ${(built.ms / 1000).toFixed(1)} s = ${(built.ms / raw.ms).toFixed(1)}x raw (target at most 5x: ${built.ms <= 5 * raw.ms ? 'met' : 'NOT met'})`);
console.log(`peak memory of the build: ${built.peakMb.toFixed(0)} MB (target under 1024 MB: ${built.peakMb > 0 && built.peakMb < 1024 ? 'met' : 'NOT met'})`);
// In a process of its own: JSON.parse of a 100,000-hub export alone holds ~1 GB of objects.
const floorRun = spawnSync(process.execPath, ['--max-old-space-size=4096', '--import', 'tsx', join(root, 'bench', 'floors.ts'), out, sources, join(work, 'floor')], { cwd: root, encoding: 'utf8' });
if (floorRun.status !== 0) throw new Error(`bench/floors.ts failed:\n${floorRun.stderr}`);
const floors = JSON.parse(floorRun.stdout) as Floors;
const ofRaw = (ms: number): string => `${(ms / 1000).toFixed(1)} s = ${(ms / raw.ms).toFixed(2)}x raw`;
const spread = floors.writeMs + (floors.parseMs + floors.hashMs) / floors.writers;
console.log(`floors on this machine (${floors.writers} cores), each part alone and at its cheapest:`);
console.log(`  writing the publication's ${floors.files} files (${(floors.bytes / 2 ** 20).toFixed(0)} MB) from memory, ${floors.writers} writers: ${ofRaw(floors.writeMs)}`);
console.log(`  parsing its ${floors.parsed} source file(s) (JSON.parse, js-yaml loadAll), one core: ${ofRaw(floors.parseMs)}`);
console.log(`  SHA-256 over as many bytes, one core: ${ofRaw(floors.hashMs)}`);
console.log(`  together, the parsing and hashing spread over the ${floors.writers} cores: ${ofRaw(spread)}, of the 5x target; the build's own time is ${(built.ms / spread).toFixed(1)}x theirs`);
if (!keep) rmSync(work, { recursive: true, force: true });
else rmSync(join(work, 'raw.nt'), { force: true });
