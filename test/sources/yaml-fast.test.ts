/**
 * The YAML reader's fast path (js-yaml) against its `yaml` path: the same records, lines and
 * diagnostics for every file, and the fast path really taken where it should be.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { readYamlRecords, type ReadResult } from '../../src/sources/yaml-record.js';
import { generate } from '../../bench/generate.js';
import { FIXTURES, SOURCES } from '../helpers/paths.js';

/** Both paths, and which parser read each document on the fast one. */
function bothWays(text: string): { fast: ReadResult; slow: ReadResult; readers: string[] } {
  const readers: string[] = [];
  const fast = readYamlRecords(text, 'f.yaml', { onDocument: (i, reader) => (readers[i] = reader) });
  const slow = readYamlRecords(text, 'f.yaml', { fast: false });
  return { fast, slow, readers };
}

function yamlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return yamlFiles(path);
    return /\.ya?ml$/.test(name) ? [path] : [];
  });
}

const record = (id: string, extra = ''): string =>
  `source: {registry: t, id: ${id}}\nhub: h\nentities:\n  h: {kind: hub, name: "Hub ${id}", country: PRT}\n  o: {name: Org}\nrelations:\n  - [o, hosts, h]\n${extra}`;

describe('sources/yaml-fast', function () {
  it('sources/yaml-fast reads every YAML file of the repository as the yaml library does', function () {
    const files = [...yamlFiles(FIXTURES), ...yamlFiles(SOURCES)];
    assert.ok(files.length >= 30, `found ${files.length} files`);
    let fastDocs = 0;
    for (const file of files) {
      const { fast, slow, readers } = bothWays(readFileSync(file, 'utf8'));
      assert.deepEqual(fast, slow, file);
      fastDocs += readers.filter((r) => r === 'js-yaml').length;
    }
    // the curated and gold records have nothing to report: they take the fast path
    assert.ok(fastDocs >= 15, `only ${fastDocs} documents read by js-yaml`);
  });

  it('sources/yaml-fast reads the synthetic registry by js-yaml alone, with the same records and lines', function () {
    const text = generate(300).yaml;
    const { fast, slow, readers } = bothWays(text);
    assert.equal(fast.records.length, 300);
    assert.deepEqual(fast, slow);
    assert.deepEqual(new Set(readers), new Set(['js-yaml']));
  });

  it('sources/yaml-fast sends documents with anchors, tags or problems to the yaml path and keeps the rest fast', function () {
    const text = [
      record('a'),
      `source: {registry: t, id: b}\nhub: h\nentities:\n  h: &x {kind: hub, name: B}\n  o: *x\n`,
      record('c', 'extra: field\n'),
      `source: {registry: t, id: d}\nhub: h\nentities:\n  h: !!map {kind: hub, name: D}\n`,
      record('e'),
    ].join('---\n');
    const { fast, slow, readers } = bothWays(text);
    assert.deepEqual(fast, slow);
    assert.deepEqual(readers, ['js-yaml', 'yaml', 'yaml', 'yaml', 'js-yaml']);
    assert.ok(fast.diagnostics.some((d) => d.field === 'extra' && d.line === 22), JSON.stringify(fast.diagnostics));
  });

  it('sources/yaml-fast reads the rest of the file the yaml way after a chunk js-yaml refuses', function () {
    // more than one chunk (1 MB), a duplicate key in a later one: the documents before it stay fast
    const docs = Array.from({ length: 6000 }, (_, i) => record(`r${i}`, `# ${'x'.repeat(200)}\n`));
    docs[5000] = 'source: {registry: t, id: dup}\nhub: h\nhub: h\nentities: {h: {kind: hub, name: D}}\n';
    const { fast, slow, readers } = bothWays(docs.join('---\n'));
    assert.deepEqual(fast, slow);
    assert.equal(readers[0], 'js-yaml');
    assert.equal(readers[5000], 'yaml');
    assert.ok(fast.diagnostics.some((d) => d.record === 'document 5001' && /duplicate|unique/i.test(d.message)), JSON.stringify(fast.diagnostics.slice(0, 3)));
  });

  it('sources/yaml-fast agrees on document boundaries, comments, block forms and line ends', function () {
    const cases = [
      `# leading comment\n---\n${record('a')}`,
      `${record('a')}---\n`,
      `${record('a')}---\n# nothing\n---\n${record('b')}`,
      `---\n${record('a')}...\n---\n${record('b')}`,
      `%YAML 1.2\n---\n${record('a')}`,
      `--- # marker comment\n${record('a')}`,
      'source:\n  registry: t\n  id: blocks\nhub: h\n\nentities:\n\n  h:\n    kind: hub\n    name: Block Hub\n\n  o:\n    # a comment before the first field\n    name: Org\nrelations:\n- holder: o\n  role: hosts\n  target: h\n-\n  - o\n  - partner of\n  - h\n',
      'source: {registry: t, id: quoted}\nhub: "h"\nentities:\n  "h": {kind: hub, name: \'It\'\'s\'}\n  ? o\n  : {name: "Org \\u00e9"}\nrelations: [[o, hosts, h]]\n',
      record('crlf').replace(/\n/g, '\r\n'),
      'source: {registry: t, id: numbers}\nhub: "1"\nentities:\n  "2": {name: Two}\n  "1": {kind: hub, name: One}\nrelations:\n  - ["2", hosts, "1"]\n',
      'source: {registry: t, id: broken}\nhub: h\nentities: {h: {kind: hub, name: "unterminated}\n',
      'source: {registry: t, id: tab}\nhub: h\nentities:\n\th: {kind: hub, name: T}\n',
    ];
    for (const text of cases) {
      const { fast, slow } = bothWays(text);
      assert.deepEqual(fast, slow, JSON.stringify(text));
    }
  });

  it('sources/yaml-fast reads random records in flow and block style, with awkward strings, as the yaml library does', function () {
    const scalar = fc.oneof(
      fc.string({ maxLength: 12 }),
      fc.constantFrom('012', '0x1F', '0o17', '1_000', '+1', '.5', '1e3', 'true', 'yes', '~', 'null', '.inf', '.NaN', '2024-01-01', '1:20', 'a: b', '- x', '#x', 'x #y', '[x]', '"q"', "'q'", '\\', 'é', '\t', ''),
    );
    const quoted = (s: string, style: number): string => (style === 0 ? JSON.stringify(s) : style === 1 ? `'${s.replace(/'/g, "''").replace(/\n/g, '\n\n')}'` : s);
    const doc = fc.record({
      id: scalar, name: scalar, country: scalar, orgName: scalar, role: scalar,
      styles: fc.array(fc.integer({ min: 0, max: 2 }), { minLength: 5, maxLength: 5 }),
      block: fc.boolean(),
    }).map(({ id, name, country, orgName, role, styles, block }) => {
      const [s0, s1, s2, s3, s4] = styles as [number, number, number, number, number];
      const head = `source: {registry: t, id: ${quoted(id, s0)}}\nhub: h\n`;
      return block
        ? `${head}entities:\n  h:\n    kind: hub\n    name: ${quoted(name, s1)}\n    country: ${quoted(country, s2)}\n  o:\n    name: ${quoted(orgName, s3)}\nrelations:\n  - - o\n    - ${quoted(role, s4)}\n    - h\n`
        : `${head}entities:\n  h: {kind: hub, name: ${quoted(name, s1)}, country: ${quoted(country, s2)}}\n  o: {name: ${quoted(orgName, s3)}}\nrelations:\n  - [o, ${quoted(role, s4)}, h]\n`;
    });
    fc.assert(fc.property(fc.array(doc, { minLength: 1, maxLength: 4 }), (docs) => {
      const { fast, slow } = bothWays(docs.join('---\n'));
      assert.deepEqual(fast, slow);
    }), { numRuns: 300 });
  });
});
