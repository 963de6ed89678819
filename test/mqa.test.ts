/** dih-ld mqa: the data.europa.eu metadata quality score of a publication's catalogue. */
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { Parser } from 'n3';
import { build } from '../src/pipeline.js';
import { scoreCatalog } from '../src/mqa/score.js';
import { MAX_POINTS, rating } from '../src/mqa/indicators.js';
import { loadOfficialDcatApShapes } from '../src/validate/shapes.js';
import { runCli } from './helpers/cli.js';
import { SHARED, SOURCES, tempDir } from './helpers/paths.js';

const OFFICIAL = join(SHARED, 'dcat-ap', '3.0.1');

describe('mqa', function () {
  let dist: string;
  before(async function () {
    dist = join(tempDir(), 'dist');
    await build([SOURCES], { out: dist });
  });
  const catalogText = () => readFileSync(join(dist, 'catalog.ttl'), 'utf8');
  const score = (ttl: string, dir: string | undefined = dist) => scoreCatalog(new Parser().parse(ttl), dir, { shapes: loadOfficialDcatApShapes(OFFICIAL) });

  it('mqa the indicators add up to the 405 points of data.europa.eu, rated by its bands', function () {
    assert.equal(MAX_POINTS, 405);
    assert.equal(rating(351), 'Excellent');
    assert.equal(rating(350), 'Good');
    assert.equal(rating(221), 'Good');
    assert.equal(rating(220), 'Sufficient');
    assert.equal(rating(120), 'Bad');
  });

  it('mqa the catalogue of sources/ is Excellent, every indicator at full points', async function () {
    const s = await score(catalogText());
    for (const i of s.indicators) assert.equal(i.points, i.indicator.points, `${i.indicator.name}: ${i.passed}/${i.of}`);
    assert.equal(s.points, 405);
    assert.equal(s.rating, 'Excellent');
  });

  it('mqa a catalogue without keywords and licences loses exactly those points', async function () {
    // breaks: no dcat:keyword on the dataset, no dct:license on any distribution
    const degraded = catalogText().split('\n').filter((l) => !/^\s+dcat:keyword /.test(l) && !/^\s+dcterms:license licence:/.test(l)).join('\n');
    assert.notEqual(degraded, catalogText());
    const s = await score(degraded);
    const by = new Map(s.indicators.map((i) => [i.indicator.id, i.points]));
    assert.equal(by.get('keyword'), 0);
    assert.equal(by.get('licence'), 0);
    assert.equal(by.get('licenceVocabulary'), 0);
    assert.equal(s.points, 405 - 30 - 20 - 10);
  });

  it('mqa a download URL whose file is missing or altered loses the accessibility points of that distribution only', async function () {
    const copy = join(tempDir(), 'dist');
    await build([SOURCES], { out: copy });
    rmSync(join(copy, 'dih.rdf'));
    writeFileSync(join(copy, 'dih.nt'), 'altered\n');
    const s = await score(readFileSync(join(copy, 'catalog.ttl'), 'utf8'), copy);
    const by = new Map(s.indicators.map((i) => [i.indicator.id, i]));
    assert.equal(by.get('accessUrlStatus')?.passed, 4, 'dih.rdf is gone');
    assert.equal(by.get('downloadUrlStatus')?.passed, 3, 'dih.rdf is gone and dih.nt does not match its checksum');
    assert.equal(by.get('downloadUrl')?.passed, 5, 'the URLs are still stated');
  });

  it('mqa CLI: dih-ld mqa dist prints each indicator, the total and the rating, and names the live-web indicators', function () {
    const r = runCli(['mqa', dist]);
    assert.equal(r.status, 0, r.stderr);
    for (const name of ['Keyword usage', 'Categories', 'Geo search', 'Time-based search', 'DownloadURL', 'Format', 'Media type', 'Non-proprietary', 'Machine readable', 'DCAT-AP compliance', 'Licence information', 'Access restrictions', 'Contact point', 'Publisher', 'Rights', 'File size', 'Date of issue', 'Modification date']) {
      assert.match(r.stdout, new RegExp(`^  ${name} .*\\d+/\\d+`, 'm'), name);
    }
    assert.match(r.stdout, /^Total: 405\/405 Excellent$/m);
    assert.match(r.stdout, /Need the live web.*AccessURL accessibility \(50 points\), DownloadURL accessibility \(30 points\)/);
  });
});
