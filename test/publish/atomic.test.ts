/**
 * Atomic publication and determinism: a killed build leaves the previous publication intact and
 * no temporary files; the order of the inputs does not change a byte of the output.
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { removeOrphanedScratch } from '../../src/util/scratch.js';
import { runCli } from '../helpers/cli.js';
import { PublicationStage, removeWhileWritesLand } from '../../src/publish/atomic.js';
import { Worker } from 'node:worker_threads';
import { CLI, ROOT, SOURCES, tempDir } from '../helpers/paths.js';

/** Every file below `dir`, as sorted relative paths. */
function listFiles(dir: string): string[] {
  return (readdirSync(dir, { recursive: true, withFileTypes: true }) as import('node:fs').Dirent[])
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath ?? (e as unknown as { path: string }).path, e.name).slice(dir.length + 1))
    .sort();
}

/** A multi-record YAML file big enough that a build runs for a few seconds. */
function bigSource(dir: string, records: number): string {
  const docs: string[] = [];
  for (let i = 0; i < records; i++) {
    docs.push(`source: {registry: synthetic, id: r${i}}\nhub: h\nentities:\n  h: {kind: hub, name: Synthetic Hub ${i}, status: fully operational, country: PRT, sectors: [cork, metalworking]}\n  o: {name: Synthetic Host ${i}, types: [university]}\nrelations:\n  - [o, hosts, h]\n`);
  }
  const file = join(dir, 'big.yaml');
  writeFileSync(file, docs.join('---\n'));
  return file;
}

describe('publish/atomic', function () {
  it('publish/atomic: a build killed with SIGKILL while writing leaves the previous dist/ intact, and the next build removes its temporary folder', async function () {
    const dir = tempDir();
    const out = join(dir, 'dist');
    assert.equal(runCli(['build', SOURCES, '--out', out]).status, 0);
    const before = Object.fromEntries(listFiles(out).map((f) => [f, readFileSync(join(out, f), 'utf8')]));
    const big = bigSource(dir, 4000);
    const child = spawn(process.execPath, [CLI, 'build', big, '--out', out], { stdio: 'ignore' });
    // Killed once it writes (its temporary folder exists): nothing can clean up after SIGKILL.
    const temporaries = (): string[] => readdirSync(dir).filter((f) => f.startsWith('.dist'));
    while (!temporaries().length && child.exitCode === null) await new Promise((r) => setTimeout(r, 10));
    assert.equal(child.exitCode, null, 'the build was still running when killed');
    child.kill('SIGKILL');
    await new Promise((r) => child.on('exit', r));
    const after = Object.fromEntries(listFiles(out).map((f) => [f, readFileSync(join(out, f), 'utf8')]));
    assert.deepEqual(Object.keys(after), Object.keys(before));
    for (const f of Object.keys(before)) assert.equal(after[f], before[f], f);
    assert.equal(temporaries().length, 1, 'the killed build had its temporary folder beside dist/');
    assert.equal(runCli(['build', SOURCES, '--out', out]).status, 0);
    assert.deepEqual(temporaries(), [], 'the next build removed it');
    // What it put aside in the system's temporary files (a build in batches: its findings) goes
    // when the next scratch folder is made, or now.
    removeOrphanedScratch();
    assert.deepEqual(readdirSync(tmpdir()).filter((f) => f.startsWith(`dih-scratch-${child.pid}-`)), []);
  });

  it('publish/atomic: a build stopped with SIGTERM while files are being written removes its temporary folder', async function () {
    this.timeout(180_000);
    const dir = tempDir();
    const out = join(dir, 'dist');
    assert.equal(runCli(['build', SOURCES, '--out', out]).status, 0);
    const before = listFiles(out);
    const big = bigSource(dir, 4000);
    const child = spawn(process.execPath, [CLI, 'build', big, '--out', out], { stdio: 'ignore' });
    // Stopped once its temporary folder exists, i.e. while it writes (after up to a minute of
    // reading and mapping on a machine busy with other tests).
    for (let i = 0; i < 2400 && !readdirSync(dir).some((f) => f.startsWith('.dist.')); i++) await new Promise((r) => setTimeout(r, 25));
    assert.ok(readdirSync(dir).some((f) => f.startsWith('.dist.')), 'the build made its temporary folder');
    child.kill('SIGTERM');
    const signal = await new Promise((r) => child.on('exit', (_code, s) => r(s)));
    assert.equal(signal, 'SIGTERM');
    assert.deepEqual(listFiles(out), before);
    assert.deepEqual(readdirSync(dir).filter((f) => f.startsWith('.dist')), [], 'no temporary folders beside dist/');
  });

  it('publish/atomic: a folder another thread still writes pages into is removed once the writes stop', async function () {
    this.timeout(30_000);
    const dir = join(tempDir(), '.dist.writing');
    mkdirSync(join(dir, 'hub'), { recursive: true });
    // Creates pages in hub/ for a second, as the file writer does until its thread is stopped;
    // a page whose folder is gone fails, as the writer's would.
    const writer = new Worker(`
      const { writeFileSync } = require('node:fs');
      const { parentPort, workerData } = require('node:worker_threads');
      parentPort.postMessage('started');
      for (let i = 0, end = Date.now() + 1000; Date.now() < end; i++) {
        try { writeFileSync(workerData + '/hub/page-' + i + '.html', 'page'); } catch {}
      }`, { eval: true, workerData: dir });
    await new Promise((r) => writer.once('message', r));
    const started = Date.now();
    assert.equal(removeWhileWritesLand(dir), true);
    assert.equal(existsSync(dir), false);
    // it outlasted the writes (rmSync's own retries give up after ~0.3 s: ENOTEMPTY)
    assert.ok(Date.now() - started < 2000);
    await new Promise((r) => writer.once('exit', r));
    assert.equal(existsSync(dir), false, 'nothing written after it was removed');
  });

  it('publish/atomic: 5,000 files are published under a limit of 256 open files (writes wait for a free descriptor)', function () {
    this.timeout(120_000);
    const out = join(tempDir(), 'dist');
    const script = `
      import { PublicationStage } from ${JSON.stringify(join(ROOT, 'src', 'publish', 'atomic.ts'))};
      const stage = new PublicationStage(${JSON.stringify(out)});
      for (let i = 0; i < 5000; i++) stage.write('pages/p' + i + '.html', 'page ' + i);
      await stage.commit();`;
    const r = spawnSync('bash', ['-c', 'ulimit -n 256 && exec "$0" --import tsx --input-type=module -e "$1"', process.execPath, script], { cwd: ROOT, encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    const pages = readdirSync(join(out, 'pages'));
    assert.equal(pages.length, 5000);
    assert.equal(readFileSync(join(out, 'pages', 'p4999.html'), 'utf8'), 'page 4999');
  });

  it('publish/atomic: whenQueuedBelow waits until the files queued for the disk hold at most the given bytes', async function () {
    const stage = new PublicationStage(join(tempDir(), 'dist'));
    const page = 'x'.repeat(64 * 1024);
    for (let i = 0; i < 400; i++) stage.write(`pages/p${i}.html`, page);
    // 25 MB queued: not below 1 MB at once
    let below = false;
    const waiting = stage.whenQueuedBelow(2 ** 20).then(() => (below = true));
    await Promise.resolve();
    assert.equal(below, false);
    await waiting;
    // at most 16 pages (1 MB) are still to be written once it resolves
    const written = readdirSync(join(stage.dir, 'pages')).filter((f) => statSync(join(stage.dir, 'pages', f)).size === page.length);
    assert.ok(written.length >= 400 - 16, `${written.length} pages written`);
    await stage.whenQueuedBelow(0);
    assert.equal(readdirSync(join(stage.dir, 'pages')).filter((f) => statSync(join(stage.dir, 'pages', f)).size === page.length).length, 400);
    await stage.discard();
  });

  it('publish/atomic: whenQueuedBelow counts the bytes a page takes on disk, not its characters', async function () {
    const stage = new PublicationStage(join(tempDir(), 'dist'));
    // 600,000 characters, 1,200,000 bytes in UTF-8
    stage.write('pages/accents.html', 'é'.repeat(600_000));
    let below = false;
    const waiting = stage.whenQueuedBelow(1_000_000).then(() => (below = true));
    await Promise.resolve();
    assert.equal(below, false);
    await waiting;
    assert.equal(statSync(join(stage.dir, 'pages', 'accents.html')).size, 1_200_000);
    await stage.discard();
  });

  it('publish/atomic: a file that cannot be written fails the commit, names the file and leaves the previous publication', async function () {
    const dir = tempDir();
    const out = join(dir, 'dist');
    mkdirSync(out);
    writeFileSync(join(out, 'old.txt'), 'previous');
    const stage = new PublicationStage(out);
    stage.write('pages/a.html', 'a');
    stage.write('pages', 'a file where a folder is'); // EISDIR, reported when the write lands
    await assert.rejects(stage.commit(), /cannot write pages of the publication/);
    assert.deepEqual(listFiles(out), ['old.txt']);
    assert.deepEqual(readdirSync(dir).filter((f) => f.startsWith('.dist')), [], 'no temporary folders beside dist/');
  });

  it('publish/determinism: input order does not change a byte of the output', function () {
    const dir = tempDir();
    const a = join(dir, 'a');
    const b = join(dir, 'b');
    mkdirSync(a);
    mkdirSync(b);
    const one = 'source: {registry: s, id: one}\nhub: h\nentities: {h: {kind: hub, name: Hub One, status: in preparation, country: ESP}}\n';
    const two = 'source: {registry: s, id: two}\nhub: h\nentities: {h: {kind: hub, name: Hub Two, status: fully operational, country: ITA}}\n';
    writeFileSync(join(a, '1.yaml'), one);
    writeFileSync(join(a, '2.yaml'), two);
    // The same files written in the other order (so the file system lists them differently), and
    // the arguments given in reverse order.
    writeFileSync(join(b, '2.yaml'), two);
    writeFileSync(join(b, '1.yaml'), one);
    assert.equal(runCli(['build', join(a, '1.yaml'), join(a, '2.yaml'), SOURCES, '--out', join(dir, 'out-a')]).status, 0);
    assert.equal(runCli(['build', SOURCES, join(b, '2.yaml'), join(b, '1.yaml'), '--out', join(dir, 'out-b')]).status, 0);
    const files = listFiles(join(dir, 'out-a'));
    assert.deepEqual(listFiles(join(dir, 'out-b')), files);
    for (const f of files) assert.ok(readFileSync(join(dir, 'out-a', f)).equals(readFileSync(join(dir, 'out-b', f))), f);
  });
});
