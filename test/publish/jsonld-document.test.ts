/** JsonLdDocument writes, node by node, exactly what JSON.stringify of the whole document writes. */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { JsonLdDocument } from '../../src/publish/serialize.js';
import { CONTEXT_URL } from '../../src/publish/jsonld-loader.js';

const whole = (nodes: Record<string, unknown>[]): string => {
  const body = nodes.length === 1 ? nodes[0]! : nodes.length ? { graph: nodes } : {};
  return `${JSON.stringify({ '@context': CONTEXT_URL, ...body }, null, 2)}\n`;
};

describe('publish/jsonld-document', function () {
  it('publish/jsonld-document equals JSON.stringify of the whole document for 0, 1 and many nodes (property)', function () {
    // Strings with line breaks, quotes, controls and non-BMP characters; nested arrays and objects, empty ones too.
    const text = fc.string({ unit: fc.constantFrom('a', 'é', '\n', '"', '\\', '\u0001', '😀', ' ', '@') });
    const value = fc.letrec((tie) => ({
      leaf: fc.oneof(text, fc.integer(), fc.boolean()),
      tree: fc.oneof({ depthSize: 'small' }, tie('leaf'), fc.array(tie('tree'), { maxLength: 3 }), fc.dictionary(text, tie('tree'), { maxKeys: 3 })),
    })).tree;
    const node = fc.dictionary(fc.constantFrom('id', 'type', 'prefLabel', 'sector', '@value'), value, { minKeys: 1, maxKeys: 4 });
    fc.assert(fc.property(fc.array(node, { maxLength: 5 }), (nodes) => {
      const document = new JsonLdDocument();
      for (const n of nodes) document.add(n as Record<string, unknown>);
      assert.equal(document.end(), whole(nodes as Record<string, unknown>[]));
    }), { numRuns: 500 });
  });
});
