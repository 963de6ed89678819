/**
 * Hostile inputs too big to keep in the repository, generated here and run through the real CLI:
 * a 2 MB cell, 100,000 empty rows, a 5 MB page, 100,000-deep JSON, spreadsheet formulas in an
 * XLSX, and a remote JSON-LD @context plus web sites pointing at a live local server that must
 * never be contacted. Each: a clear message or a good publication, bounded time, no forged IRI.
 */
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import ExcelJS from 'exceljs';
import { runCli } from '../helpers/cli.js';
import { CLI, tempDir } from '../helpers/paths.js';
import { parseRdf } from '../helpers/graph.js';

const HEADER = 'EDIH Name,EDIH Title,Description (indexed field),Country,Contact name,Contact Location,EDIH/SoE,Website,Formatted sectors,Formatted services,Formatted technologies';
const HUB = 'https://w3id.org/dih/ns#DigitalInnovationHub';

function canonicalHubs(out: string): string[] {
  const quads = parseRdf(readFileSync(join(out, 'dih.nq'), 'utf8'), 'application/n-quads');
  return [...new Set(quads.filter((q) => q.object.value === HUB && !q.subject.value.includes('/source/')).map((q) => q.subject.value))].sort();
}

/** Runs the CLI asynchronously, so a server in this process can answer (or count) requests meanwhile. */
function runCliAsync(args: string[]): Promise<{ status: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('exit', (status) => resolve({ status, stderr }));
  });
}

describe('hostile/generated', function () {
  this.timeout(180_000);

  it('hostile/generated/csv a 2 MB cell next to a good row: both read, in bounded time', function () {
    const dir = tempDir();
    const file = join(dir, 'big-cell.csv');
    writeFileSync(file, `${HEADER}\nBIG,Big Cell Hub,"${'lorem ipsum '.repeat(175_000)}",Spain,,,EDIH,https://big.example.eu/,,,\nOK,Small Hub,Fine.,Italy,,,EDIH,https://small.example.eu/,,,\n`);
    const started = Date.now();
    const r = runCli(['build', file, '--out', join(dir, 'dist')]);
    assert.ok(r.status === 0 || r.status === 1, r.stderr);
    assert.match(r.stderr, /description longer than 100000 characters/);
    assert.deepEqual(canonicalHubs(join(dir, 'dist')), ['https://w3id.org/dih/hub/big-cell-hub', 'https://w3id.org/dih/hub/small-hub']);
    assert.ok(Date.now() - started < 120_000);
  });

  it('hostile/generated/csv 100,000 empty rows before a good one: the good row is published', function () {
    const dir = tempDir();
    const file = join(dir, 'empty-rows.csv');
    writeFileSync(file, `${HEADER}\n${',,,,,,,,,,\n'.repeat(100_000)}LAST,Last Row Hub,After the empty rows.,Spain,,,EDIH,https://last.example.eu/,,,\n`);
    const r = runCli(['build', file, '--out', join(dir, 'dist')]);
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(canonicalHubs(join(dir, 'dist')), ['https://w3id.org/dih/hub/last-row-hub']);
    // Provenance names the line the row really starts on, past the empty ones.
    assert.match(readFileSync(join(dir, 'dist', 'dih.nq'), 'utf8'), /recordLine> "100002"/);
  });

  it('hostile/generated/xlsx formulas and far-away rows: formula results read as text, never as IRIs', async function () {
    const dir = tempDir();
    const file = join(dir, 'formulas.xlsx');
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('EDIH');
    ws.addRow(HEADER.split(','));
    ws.addRow(['FORM', { formula: 'HYPERLINK("http://evil.example/a","Formula Hub")', result: 'Formula Hub' }, 'A hub.', 'Spain', '', '', 'EDIH', { formula: 'HYPERLINK("http://evil.example/b")', result: 'http://evil.example/b' }]);
    ws.getRow(100_001).values = ['FAR', 'Far Row Hub', 'Row 100001.', 'Italy', '', '', 'EDIH', 'https://far.example.eu/'];
    await wb.xlsx.writeFile(file);
    const r = runCli(['build', file, '--out', join(dir, 'dist')]);
    assert.ok(r.status === 0 || r.status === 1, r.stderr);
    assert.deepEqual(canonicalHubs(join(dir, 'dist')), ['https://w3id.org/dih/hub/far-row-hub', 'https://w3id.org/dih/hub/formula-hub']);
    // The formula's cached result is an address a person typed into a cell: published only as that text.
    const nq = readFileSync(join(dir, 'dist', 'dih.nq'), 'utf8');
    assert.doesNotMatch(nq, /<http:\/\/evil\.example\/a>/);
    assert.match(nq, /edih\/100001-far/);
  });

  it('hostile/generated/page a 5 MB page: a best-effort record and a message, in bounded time', function () {
    const dir = tempDir();
    const file = join(dir, 'huge-page.txt');
    writeFileSync(file, `Huge Page Hub\n\n${'Huge Page Hub is hosted by the Example University. '.repeat(100_000)}\n\nfully operational\n`);
    const started = Date.now();
    const r = runCli(['build', file, '--out', join(dir, 'dist')], { timeoutMs: 170_000 });
    assert.ok(r.status === 0 || r.status === 1, r.stderr);
    assert.match(r.stderr, /huge-page\.txt/);
    assert.ok(existsSync(join(dir, 'dist', 'dih.nq')));
    assert.ok(Date.now() - started < 170_000);
  });

  it('hostile/generated/json 100,000-deep nesting: a clear message, not a crash', function () {
    const dir = tempDir();
    const file = join(dir, 'deep.json');
    writeFileSync(file, `${'['.repeat(100_000)}${']'.repeat(100_000)}`);
    const r = runCli(['build', file, '--out', join(dir, 'dist')]);
    assert.equal(r.status, 1, r.stderr);
    assert.match(r.stderr, /deep\.json/);
    assert.doesNotMatch(r.stderr, /\n\s+at /);
  });

  it('hostile/generated/network: a remote @context and web sites on a live local server are never requested', async function () {
    const requests: string[] = [];
    const server = createServer((req, res) => {
      requests.push(req.url ?? '');
      res.setHeader('content-type', 'application/ld+json');
      res.end('{"@context": {"title": "http://evil.example/title"}}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    try {
      const dir = tempDir();
      const file = join(dir, 'remote-context.json');
      writeFileSync(file, JSON.stringify([{
        id: 'urn:ngsi-ld:DigitalInnovationHub:s3jrc:999001', type: 'DigitalInnovationHub',
        title: { type: 'Property', value: 'Remote Context Hub' },
        website: { type: 'Property', value: `http://127.0.0.1:${port}/site` },
        description: { type: 'Property', value: `Hosted by the Example University (see http://127.0.0.1:${port}/about).` },
        address: { type: 'Property', value: { addressCountry: 'Spain', addressLocality: 'Madrid' } },
        '@context': [`http://127.0.0.1:${port}/context.jsonld`, { '@context': `http://127.0.0.1:${port}/chain.jsonld` }],
      }]));
      const r = await runCliAsync(['build', file, '--out', join(dir, 'dist')]);
      assert.ok(r.status === 0 || r.status === 1, r.stderr);
      assert.match(r.stderr, /website points to a private, loopback or link-local address/);
      assert.deepEqual(canonicalHubs(join(dir, 'dist')), ['https://w3id.org/dih/hub/remote-context-hub']);
      assert.deepEqual(requests, [], 'no request reached the server');
    } finally {
      server.close();
    }
  });
});
