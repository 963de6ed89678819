/**
 * Our catalogue shapes catch what DCAT-AP forbids: each case below breaks one rule of a valid
 * catalogue (the one a build of sources/ writes) and must give exactly that violation.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Parser } from 'n3';
import { build } from '../../src/pipeline.js';
import { validateQuads } from '../../src/validate/validate.js';
import { loadCatalogShapes, loadOfficialDcatApShapes } from '../../src/validate/shapes.js';
import { SHARED, SOURCES, tempDir } from '../helpers/paths.js';

const CASES: { name: string; breaks: (ttl: string) => string; path: RegExp }[] = [
  // breaks: a dataset without a title
  { name: 'dataset without dct:title', breaks: (t) => t.replace(/\n\s*dcterms:title "Digital Innovation Hubs as linked data"@en;/, ''), path: /title/ },
  // breaks: a format outside the EU file-type table
  { name: 'format not in the EU file-type table', breaks: (t) => t.replace('dcterms:format filetype:RDF_TURTLE', 'dcterms:format <https://example.org/turtle>'), path: /format/ },
  // breaks: a checksum value that is not lower-case hexadecimal
  { name: 'checksum value not hexadecimal', breaks: (t) => t.replace(/spdx:checksumValue "([0-9a-f]+)"/, 'spdx:checksumValue "XYZ$1"'), path: /checksumValue/ },
  // breaks: a media type that is not an IANA IRI
  { name: 'media type not from IANA', breaks: (t) => t.replace('dcat:mediaType <https://www.iana.org/assignments/media-types/text/turtle>', 'dcat:mediaType <https://example.org/turtle>'), path: /mediaType/ },
];

describe('publish/catalog-invalid', function () {
  let valid: string;
  before(async function () {
    const dir = join(tempDir(), 'dist');
    await build([SOURCES], { out: dir });
    valid = readFileSync(join(dir, 'catalog.ttl'), 'utf8');
  });

  it('publish/catalog-invalid the valid catalogue has no violation (the pair of each case below)', async function () {
    assert.equal((await validateQuads(new Parser().parse(valid), loadCatalogShapes())).violations, 0);
  });

  for (const c of CASES) {
    it(`publish/catalog-invalid ${c.name} is a violation of our shapes and of the official ones`, async function () {
      const broken = c.breaks(valid);
      assert.notEqual(broken, valid, 'the case must change the catalogue');
      const quads = new Parser().parse(broken);
      const ours = await validateQuads(quads, loadCatalogShapes());
      assert.ok(ours.violations > 0 && ours.findings.some((f) => f.severity === 'Violation' && c.path.test(f.path ?? '')), JSON.stringify(ours.findings.map((f) => f.path)));
      if (c.name !== 'checksum value not hexadecimal') {
        const official = await validateQuads(quads, loadOfficialDcatApShapes(join(SHARED, 'dcat-ap', '3.0.1')));
        assert.ok(official.violations > 0, `${c.name}: official shapes`);
      }
    });
  }
});
