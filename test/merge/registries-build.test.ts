/**
 * The full build of both registries plus sources/: personal data stays out of every output file,
 * the merged view is RDF (no owl:sameAs) and CSV, merged hubs validate, and `dih-ld explain` tells
 * why records were merged. One build, shared by the tests (it reads the real exports).
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Parser, type Quad } from 'n3';
import { build, type BuildResult } from '../../src/pipeline.js';
import { explainHub, findHubs } from '../../src/commands/explain.js';
import { parse } from 'csv-parse/sync';
import { SHARED, SOURCES, tempDir } from '../helpers/paths.js';

const REG = join(SHARED, 'data', 'registries');
/** Names, e-mails and phones of natural persons that the exports contain. */
const PERSONAL = ['Axel.Zimmermann@hs-aalen.de', 'Zimmerman', 'Pedro Miguel ROCHA', 'Lone Jakobsgaard', 'lone.jakobsgaard@danskproduktionsunivers.dk', '4523259543', 'ANA ISABEL SANCHEZ IGLESIAS'];

function allFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => (statSync(join(dir, f)).isDirectory() ? allFiles(join(dir, f)) : [join(dir, f)]));
}

describe('merge/registries build', function () {
  this.timeout(600_000);
  let out: string;
  let result: BuildResult;
  let quads: Quad[];
  before(async function () {
    out = join(tempDir(), 'dist-eu');
    result = await build([join(REG, 'jrc-dih-tool-2022.ngsi-ld.json'), join(REG, 'edih-catalogue-2025.csv'), join(REG, 'jrc-dih-tool-raw-feature.json'), SOURCES], { out });
    quads = new Parser({ format: 'application/n-quads' }).parse(readFileSync(join(out, 'dih.nq'), 'utf8'));
  });

  it('merge/personal-data: no output file holds a name, e-mail or phone of a person from the exports', function () {
    for (const file of allFiles(out)) {
      const text = readFileSync(file, 'utf8');
      for (const p of PERSONAL) assert.ok(!text.includes(p), `${p} found in ${file}`);
    }
  });

  it('merge/personal-data: --include-personal-data publishes them (the check above can fail)', async function () {
    const dir = join(tempDir(), 'dist-pd');
    await build([join(REG, 'jrc-dih-tool-raw-feature.json')], { out: dir, includePersonalData: true });
    const nq = readFileSync(join(dir, 'dih.nq'), 'utf8');
    assert.ok(nq.includes('Lone Jakobsgaard') && nq.includes('lone.jakobsgaard@danskproduktionsunivers.dk') && nq.includes('tel:+4523259543'));
  });

  it('merge/personal-data: an organisational mailbox is kept as a vCard contact point', function () {
    const org = quads.find((q) => q.predicate.value === 'http://www.w3.org/2006/vcard/ns#hasEmail' && q.object.value === 'mailto:dih@produtech.org');
    assert.ok(org, 'dih@produtech.org is the organisational contact of PRODUTECH in the JRC export');
  });

  it('merge/publish: links.csv has one row per source record and the RDF links every record, without owl:sameAs', function () {
    const links = parse(readFileSync(join(out, 'links.csv'), 'utf8'), { columns: true }) as Record<string, string>[];
    const records = new Set(result.records.map((r) => `${r.source.registry}/${r.source.id}`));
    assert.equal(links.length, records.size);
    assert.deepEqual(new Set(links.map((l) => l.source_record)), records);
    assert.ok(!quads.some((q) => q.predicate.value === 'http://www.w3.org/2002/07/owl#sameAs'));
    const derivations = quads.filter((q) => q.predicate.value === 'http://www.w3.org/ns/prov#qualifiedDerivation');
    assert.equal(derivations.length, records.size);
    const conflicts = parse(readFileSync(join(out, 'conflicts.csv'), 'utf8'), { columns: true }) as Record<string, string>[];
    assert.equal(quads.filter((q) => q.predicate.value === 'https://w3id.org/dih/ns#conflictOn').length, conflicts.length);
  });

  it('merge/publish: each source record keeps its own named graph with its identifier, licence note and date', function () {
    const g = 'https://w3id.org/dih/source/jrc/4621';
    assert.ok(quads.some((q) => q.graph.value === g && q.subject.value === `${g}/hub`));
    const about = quads.filter((q) => q.subject.value === g && q.graph.termType === 'DefaultGraph');
    assert.ok(about.some((q) => q.predicate.value.endsWith('identifier') && q.object.value === 'urn:ngsi-ld:DigitalInnovationHub:s3jrc:4621'));
    assert.ok(about.some((q) => q.predicate.value.endsWith('rights') && q.object.value.includes('source: European Commission, via third-party harvest')));
    assert.ok(about.some((q) => q.predicate.value.endsWith('issued') && q.object.value === '2022-02'));
  });

  it('merge/validate: the merged registries have no violations (merged hubs, memberships, annotations)', function () {
    const violations = result.validation.findings.filter((f) => f.severity === 'Violation').map((f) => `${f.focusNode} ${f.path ?? ''}: ${f.message}`);
    assert.deepEqual(violations, []);
    assert.ok(result.merge.hubs.length > 900);
  });

  it('commands/explain: tells which records were merged into PRODUTECH DIH and why', function () {
    const links = parse(readFileSync(join(out, 'links.csv'), 'utf8'), { columns: true }) as Record<string, string>[];
    const conflicts = parse(readFileSync(join(out, 'conflicts.csv'), 'utf8'), { columns: true }) as Record<string, string>[];
    const hubs = findHubs(links, 'PRODUTECH DIH');
    assert.deepEqual(hubs, ['https://w3id.org/dih/hub/produtech-digital-innovation-hub-national-platform']);
    const text = explainHub(hubs[0] as string, links, conflicts);
    assert.match(text, /merged from 3 source record\(s\)/);
    assert.match(text, /same registrable domain produtech\.org/);
    assert.match(text, /homepage: /);
  });
});
