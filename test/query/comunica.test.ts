/** Comunica loads and answers on this Node version (undici 7 pinned for Node 20). */
import assert from 'node:assert/strict';
import { Store, DataFactory } from 'n3';
import { runQuery, queryEngine } from '../../src/query/engine.js';

describe('query/comunica', function () {
  it('query/comunica imports and creates an engine', async function () {
    const engine = await queryEngine();
    assert.equal(typeof engine.queryBindings, 'function');
  });
  it('query/comunica answers SELECT over an in-memory store, union of named graphs', async function () {
    const { namedNode, literal, quad } = DataFactory;
    const store = new Store([quad(namedNode('urn:x:a'), namedNode('urn:x:p'), literal('v'), namedNode('urn:x:g'))]);
    const r = await runQuery('SELECT ?o WHERE { <urn:x:a> <urn:x:p> ?o }', store, 'csv');
    assert.equal(r.text.replace(/\r/g, ''), 'o\nv\n');
  });
});
