/**
 * catalog.ttl of a build of sources/: passes the official DCAT-AP 3.0.1 shapes (read in place from
 * ../shared) and our own shapes/catalog*.ttl, describes every dump by its real bytes, and takes its
 * dates and places from the data.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Parser, type Quad } from 'n3';
import { build } from '../../src/pipeline.js';
import { validateQuads } from '../../src/validate/validate.js';
import { formatOutcome } from '../../src/validate/report.js';
import { loadCatalogShapes, loadOfficialDcatApShapes } from '../../src/validate/shapes.js';
import { sha256Hex } from '../../src/publish/catalog.js';
import { SHARED, SOURCES, tempDir } from '../helpers/paths.js';
import { diffSets, parseJsonLd, parseRdfXmlText, tripleSet } from '../helpers/graph.js';

const OFFICIAL = join(SHARED, 'dcat-ap', '3.0.1');
const DCAT = 'http://www.w3.org/ns/dcat#';
const DCT = 'http://purl.org/dc/terms/';
const SPDX = 'http://spdx.org/rdf/terms#';

describe('publish/catalog', function () {
  let dir: string;
  let catalog: Quad[];
  before(async function () {
    dir = join(tempDir(), 'dist');
    await build([SOURCES], { out: dir });
    catalog = new Parser().parse(readFileSync(join(dir, 'catalog.ttl'), 'utf8'));
  });
  const objects = (s: string, p: string) => catalog.filter((q) => q.subject.value === s && q.predicate.value === p).map((q) => q.object.value);

  it('publish/catalog passes the official DCAT-AP 3.0.1 shapes (shapes, range, mdr-vocabularies) with zero violations', async function () {
    assert.ok(existsSync(join(OFFICIAL, 'shapes.ttl')), `the official DCAT-AP shapes are expected in ${OFFICIAL}`);
    const outcome = await validateQuads(catalog, loadOfficialDcatApShapes(OFFICIAL, 'core'));
    assert.equal(outcome.violations, 0, formatOutcome(outcome, {}));
  });

  it('publish/catalog lists the official recommended-shape findings as warnings only', async function () {
    const outcome = await validateQuads(catalog, loadOfficialDcatApShapes(OFFICIAL, 'recommended'));
    // Left as warnings: country bbox/centroid (no geometry in the data) and the publisher's ADMS type.
    console.log(`      official recommended shapes: ${outcome.warnings} warning(s): ${outcome.findings.map((f) => `${f.focusNode.replace(/.*\//, '')} ${f.path?.replace(/.*[#/]/, '')}`).join('; ')}`);
    assert.equal(outcome.violations, 0);
    assert.ok(outcome.findings.every((f) => f.severity === 'Warning'));
  });

  it('publish/catalog passes our own shapes/catalog.ttl and catalog-recommended.ttl', async function () {
    const outcome = await validateQuads(catalog, loadCatalogShapes());
    assert.equal(outcome.violations, 0, formatOutcome(outcome, {}));
    assert.equal(outcome.warnings, 0, formatOutcome(outcome, {}));
  });

  it('publish/catalog catalog.ttl, catalog.jsonld and catalog.rdf are the same graph', async function () {
    const ttl = tripleSet(catalog);
    assert.deepEqual(diffSets(tripleSet(await parseJsonLd(readFileSync(join(dir, 'catalog.jsonld'), 'utf8'))), ttl), { onlyA: [], onlyB: [] });
    assert.deepEqual(diffSets(tripleSet(parseRdfXmlText(readFileSync(join(dir, 'catalog.rdf'), 'utf8'))), ttl), { onlyA: [], onlyB: [] });
  });

  it('publish/catalog has one distribution per serialization with the byte size and SHA-256 of the file written', function () {
    const distributions = objects('https://w3id.org/dih/dataset', `${DCAT}distribution`).sort();
    assert.equal(distributions.length, 5);
    for (const d of distributions) {
      const url = objects(d, `${DCAT}downloadURL`)[0] as string;
      const file = url.slice('https://w3id.org/dih/'.length);
      assert.match(file, /^dih\.(ttl|jsonld|nt|nq|rdf)$/);
      const bytes = readFileSync(join(dir, file));
      assert.equal(Number(objects(d, `${DCAT}byteSize`)[0]), bytes.byteLength, `${file} byte size`);
      const checksum = objects(d, `${SPDX}checksum`)[0] as string;
      assert.equal(objects(checksum, `${SPDX}checksumValue`)[0], sha256Hex(bytes), `${file} checksum`);
      assert.match(objects(d, `${DCAT}mediaType`)[0] as string, /^https:\/\/www\.iana\.org\/assignments\/media-types\//);
      assert.match(objects(d, `${DCT}format`)[0] as string, /^http:\/\/publications\.europa\.eu\/resource\/authority\/file-type\//);
    }
  });

  it('publish/catalog takes issued, modified and temporal coverage from the sources, spatial from the countries in the data', function () {
    assert.deepEqual(objects('https://w3id.org/dih/dataset', `${DCT}issued`), ['2026-11-25']);
    assert.deepEqual(objects('https://w3id.org/dih/dataset', `${DCT}modified`), ['2026-11-25']);
    assert.deepEqual(objects('https://w3id.org/dih/dataset', `${DCT}spatial`), ['http://publications.europa.eu/resource/authority/country/PRT']);
    assert.deepEqual(objects('https://w3id.org/dih/dataset/temporal', `${DCAT}startDate`), ['2026-11-25']);
    assert.deepEqual(objects('https://w3id.org/dih/dataset', `${DCT}license`), [], 'the licence is on the distributions');
    assert.ok(objects('https://w3id.org/dih/dataset', `${DCAT}keyword`).includes('Digital Innovation Hubs'));
  });

  it('publish/catalog download URLs follow --publication-base', async function () {
    const other = join(tempDir(), 'dist');
    await build([SOURCES], { out: other, publicationBase: 'https://data.example.org/dih/' });
    const text = readFileSync(join(other, 'catalog.ttl'), 'utf8');
    assert.match(text, /<https:\/\/data\.example\.org\/dih\/dih\.nq>/);
    assert.match(text, /<https:\/\/data\.example\.org\/dih\/sparql>/);
    assert.doesNotMatch(text, /<https:\/\/w3id\.org\/dih\/dih\.nq>/);
  });
});
