/** Prose gazetteers: scheme labels found in running text, without the false friends of exact lookups. */
import assert from 'node:assert/strict';
import { proseGazetteer } from '../../src/extract/gazetteer.js';
import { loadConcepts } from '../../src/vocab/concepts.js';

const g = proseGazetteer();
const found = (text: string) => g.scan(text).map((m) => `${m.kind}:${text.slice(m.start, m.end)}`);

describe('extract/gazetteer: prose matching of the SKOS schemes', function () {
  it('extract/gazetteer skips country codes, slugs, single common words and compass-word regions', function () {
    for (const word of ['IT', 'AT', 'NO', 'DE', 'other', 'data', 'Space', 'Security', 'Finance', 'Mobility', 'training', 'horizontal', 'Southern', 'Sur', 'Este', 'Sud', 'Vest']) {
      assert.deepEqual(found(`We say ${word} here.`), [], word);
    }
  });

  it('extract/gazetteer: the exact lookups keep those labels for table cells', function () {
    const c = loadConcepts();
    assert.ok(c.lookup(c.schemeIri('sector'), 'Space'));
    assert.ok(c.countryIri('PRT'));
  });

  it('extract/gazetteer finds multi-word labels, acronyms case-sensitively, the longest match first', function () {
    assert.deepEqual(found('focused on cyber physical systems and robotics, AI and IoT'), [
      'technology:cyber physical systems', 'technology:robotics', 'technology:AI', 'technology:IoT',
    ]);
    assert.deepEqual(found('said ai and iot'), []);
    assert.deepEqual(found('Textile and apparel, Moulds and Plastics'), ['sector:Textile and apparel', 'sector:Moulds and Plastics']);
    assert.deepEqual(found('in the Norte Region of Portugal'), ['region:Norte Region of Portugal']);
    assert.deepEqual(found('in the Norte Region, Portugal'), ['region:Norte Region', 'country:Portugal']);
  });

  it('extract/gazetteer: a country\'s own single NUTS unit is the country, not a region', function () {
    assert.deepEqual(found('growth of Luxembourg'), ['country:Luxembourg']);
  });
});
