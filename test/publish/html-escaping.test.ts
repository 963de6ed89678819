/** The HTML site escapes everything that comes from a source (test/fixtures/html/markup-injection.yaml). */
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { build } from '../../src/pipeline.js';
import { esc, href, scriptJson } from '../../src/publish/html/markup.js';
import { FIXTURES, SOURCES, tempDir } from '../helpers/paths.js';

describe('publish/html-escaping', function () {
  let page: string;
  let index: string;
  before(async function () {
    const dist = join(tempDir(), 'dist');
    await build([join(FIXTURES, 'html', 'markup-injection.yaml')], { out: dist });
    const hubs = readdirSync(join(dist, 'hub'));
    assert.equal(hubs.length, 1, hubs.join(', '));
    page = readFileSync(join(dist, 'hub', hubs[0] as string), 'utf8');
    index = readFileSync(join(dist, 'index.html'), 'utf8');
  });

  it('publish/html-escaping names and descriptions are text, never markup', function () {
    for (const html of [page, index]) {
      assert.doesNotMatch(html, /<script>alert/);
      assert.doesNotMatch(html, /<img src=x/);
      assert.doesNotMatch(html, /<iframe/);
      assert.doesNotMatch(html, /<b>bold/);
    }
    assert.match(page, /Evil &lt;\/script&gt;&lt;script&gt;alert\(1\)&lt;\/script&gt; Hub/);
    assert.match(page, /Fish &amp;amp; chips &lt;b&gt;bold&lt;\/b&gt;/);
  });

  it('publish/html-escaping the embedded JSON-LD cannot be closed early and still parses', function () {
    const scripts = [...page.matchAll(/<script type="application\/ld\+json">\n([\s\S]*?)\n<\/script>/g)];
    assert.equal(scripts.length, 1);
    assert.equal(page.match(/<\/script>/g)?.length, 1, 'only the real end of the JSON-LD block');
    const json = JSON.parse(scripts[0]?.[1] as string) as { name: string };
    assert.equal(json.name, 'Evil </script><script>alert(1)</script> Hub');
  });

  it('publish/html-escaping no link to javascript:', function () {
    assert.doesNotMatch(page, /href="javascript:/i);
    assert.equal(href('javascript:alert(3)'), '#');
    assert.equal(href('data:text/html,x'), '#');
    assert.equal(href('../hub/a-b.html'), '../hub/a-b.html');
    assert.equal(href('https://example.org/a?b="c"'), 'https://example.org/a?b=%22c%22');
    assert.equal(esc(`<a href="x">'&`), '&lt;a href=&quot;x&quot;&gt;&#39;&amp;');
    assert.doesNotMatch(scriptJson({ a: '</script>' }), /<\/script>/);
  });

  it('publish/html-escaping the site of sources/ has a page per hub and the ontology reference', async function () {
    const dist = join(tempDir(), 'dist');
    await build([SOURCES], { out: dist });
    assert.ok(readdirSync(join(dist, 'hub')).includes('produtech-digital-innovation-hub-national-platform.html'));
    assert.match(readFileSync(join(dist, 'ontology', 'index.html'), 'utf8'), /id="DigitalInnovationHub"/);
    assert.match(readFileSync(join(dist, 'style.css'), 'utf8'), /^\/\* dih-ld/);
  });
});
