/**
 * publish/html/index-page: the index written in pieces (a build in batches writes a 37 MB index at
 * 100,000 hubs) is the index page made as one string, whatever the rows and the piece size.
 */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { indexPageOf, indexPagePieces, type IndexRow } from '../../src/publish/html/index-page.js';

const BASE = 'https://example.org/dih/';

const rowArb: fc.Arbitrary<Omit<IndexRow, 'hub'>> = fc.record({
  label: fc.string({ maxLength: 12 }),
  status: fc.constantFrom('', 'Fully operational', 'Partially <operational>'),
  country: fc.constantFrom('', 'Portugal', 'Côte d\'Ivoire & co'),
  hosts: fc.string({ maxLength: 8 }),
});

function site(partial: Omit<IndexRow, 'hub'>[]): { rows: IndexRow[]; pages: Map<string, string> } {
  const rows = partial.map((r, i) => ({ ...r, hub: `${BASE}hub/h${i}` }));
  return { rows, pages: new Map(rows.map((r, i) => [r.hub, `hub/h${i}.html`])) };
}

describe('publish/index-pieces', function () {
  it('publish/index-pieces/the pieces joined are the page made at once, for any rows and piece size', function () {
    fc.assert(
      fc.property(fc.array(rowArb, { maxLength: 30 }), fc.integer({ min: 1, max: 40 }), (partial, size) => {
        const { rows, pages } = site(partial);
        const pieces = [...indexPagePieces(rows, pages, BASE, size)];
        assert.equal(pieces.join(''), indexPageOf(rows, pages, BASE));
        // the page's head, the rows a piece at a time, the page's tail
        assert.equal(pieces.length, 2 + Math.ceil(rows.length / size));
        for (const middle of pieces.slice(1, -1)) assert.match(middle, /^(<tr>.*<\/tr>\n)+$/s);
      }),
    );
  });

  it('publish/index-pieces/each row is a line of its own between the table\'s head and end, in label order', function () {
    const { rows, pages } = site([
      { label: 'Beta hub', status: 'Fully operational', country: 'Portugal', hosts: 'INESC TEC' },
      { label: 'alpha & co', status: '', country: '', hosts: '' },
    ]);
    const text = indexPageOf(rows, pages, BASE);
    assert.match(text, /<tbody>\n<tr><td><a href="hub\/h1\.html">alpha &amp; co<\/a><\/td><td><\/td><td><\/td><td><\/td><\/tr>\n<tr><td><a href="hub\/h0\.html">Beta hub<\/a><\/td><td>Fully operational<\/td><td>Portugal<\/td><td>INESC TEC<\/td><\/tr>\n<\/tbody><\/table>\n/);
    assert.match(indexPageOf([], new Map(), BASE), /<tbody>\n<\/tbody><\/table>\n<h2>Data<\/h2>/);
  });

  it('publish/index-pieces/a row without a page is an error, not a broken link', function () {
    const { rows } = site([{ label: 'x', status: '', country: '', hosts: '' }]);
    assert.throws(() => [...indexPagePieces(rows, new Map(), BASE)], /index row of .*h0, a hub without a page/);
  });
});
