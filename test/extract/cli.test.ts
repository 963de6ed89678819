/** `dih-ld extract` as a user runs it: page -> YAML on stdout -> `dih-ld build` of that YAML. */
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Parser } from 'n3';
import { runCli } from '../helpers/cli.js';
import { FIXTURES, SOURCES, tempDir } from '../helpers/paths.js';

describe('cli/extract: pages to reviewable YAML, YAML to a publication', function () {
  it('cli/extract writes YAML with spans that builds into a publication with the hub', function () {
    const run = runCli(['extract', join(SOURCES, 'produtech', 'produtech-dih-catalogue-page.txt')]);
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /exact: PRODUTECH – Production Technologies Cluster/);
    const dir = tempDir();
    writeFileSync(join(dir, 'record.yaml'), run.stdout);
    const built = runCli(['build', join(dir, 'record.yaml'), '--out', join(dir, 'dist')]);
    assert.equal(built.status, 0, built.stderr + built.stdout);
    const quads = new Parser({ format: 'application/n-quads' }).parse(readFileSync(join(dir, 'dist', 'dih.nq'), 'utf8'));
    assert.ok(quads.some((q) => q.predicate.value === 'http://www.w3.org/ns/oa#exact' && q.object.value === 'fully operational'));
  });

  it('cli/extract of an empty page exits 1 with a message naming the file', function () {
    const dir = tempDir();
    writeFileSync(join(dir, 'empty.txt'), '');
    const run = runCli(['extract', join(dir, 'empty.txt')]);
    assert.equal(run.status, 1);
    assert.match(run.stderr, /empty\.txt.*empty/);
  });

  it('cli/extract without a file is a usage error', function () {
    assert.equal(runCli(['extract']).status, 2);
  });

  it('cli/build reads a folder of pages like any source', function () {
    const dir = tempDir();
    const run = runCli(['build', join(FIXTURES, 'pages', 'other-wording.txt'), '--out', join(dir, 'dist')]);
    assert.equal(run.status, 0, run.stderr + run.stdout);
    assert.match(readFileSync(join(dir, 'dist', 'dih.nt'), 'utf8'), /robotics-valley-dih/);
  });
});
