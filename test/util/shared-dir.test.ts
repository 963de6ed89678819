/** util/paths/sharedDir: the shared inputs are found beside the checkout, or beside the repository it was cloned from. */
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { sharedDir } from '../../src/util/paths.js';
import { tempDir } from '../helpers/paths.js';

/** origin/ with shared/ beside it, and a clone elsewhere whose origin is `url(origin)`. */
function layout(url: (origin: string) => string): { origin: string; clone: string; shared: string } {
  const dir = tempDir();
  const origin = join(dir, 'work', 'main');
  const shared = join(dir, 'work', 'shared');
  const clone = join(dir, 'tmp', 'fresh');
  for (const d of [origin, shared, join(clone, '.git')]) mkdirSync(d, { recursive: true });
  writeFileSync(join(clone, '.git', 'config'), `[core]\n\tbare = false\n[remote "origin"]\n\turl = ${url(origin)}\n\tfetch = +refs/heads/*:refs/remotes/origin/*\n[branch "main"]\n\tremote = origin\n`);
  return { origin, clone, shared };
}

describe('util/paths/sharedDir', function () {
  it('util/paths/sharedDir: shared/ beside the checkout', function () {
    const { origin, shared } = layout((o) => o);
    assert.equal(sharedDir(origin, {}), shared);
  });
  it('util/paths/sharedDir: a clone in another folder finds shared/ beside its origin, given as a path, a relative path or a file URL', function () {
    for (const url of [(o: string) => `${o}/.`, (o: string) => join('..', '..', 'work', 'main'), (o: string) => pathToFileURL(o).href]) {
      const { clone, shared } = layout(url);
      assert.equal(sharedDir(clone, {}), shared);
    }
  });
  it('util/paths/sharedDir: DIH_SHARED wins; a remote origin or none falls back to ../shared', function () {
    const { clone } = layout(() => 'https://example.org/dih-ld.git');
    assert.equal(sharedDir(clone, {}), join(clone, '..', 'shared'));
    assert.equal(sharedDir(clone, { DIH_SHARED: '/data/shared' }), '/data/shared');
    assert.equal(sharedDir(join(clone, 'nowhere'), {}), join(clone, 'shared'));
  });
});
