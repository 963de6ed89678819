/**
 * The browser's query page at /sparql: YASGUI from the installed @zazuko/yasgui build, served from
 * this server (no CDN), with the named queries of queries/ one click away. The page runs no inline
 * script, so a strict Content-Security-Policy keeps it from reaching any other host.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { queriesDir } from '../util/paths.js';
import { escapeHtml } from './http-util.js';

export const ASSET_PREFIX = '/_assets/';

/** The named queries: file name without .rq -> text. */
export function namedQueries(dir = queriesDir()): Record<string, string> {
  if (!existsSync(dir)) return {};
  const out: Record<string, string> = {};
  for (const f of readdirSync(dir).filter((n) => n.endsWith('.rq')).sort()) out[f.slice(0, -3)] = readFileSync(join(dir, f), 'utf8');
  return out;
}

/** First comment line of a named query, as its description. */
const summary = (text: string): string => /^#\s*(.+)$/m.exec(text)?.[1]?.trim() ?? '';

export const QUERY_PAGE_CSP = "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

export function queryPageHtml(queries: Record<string, string>): string {
  const buttons = Object.entries(queries).map(([name, text]) => `<li><button type="button" data-query="${escapeHtml(name)}" title="${escapeHtml(summary(text))}">${escapeHtml(name)}</button></li>`).join('\n');
  // JSON in a data block is not executed; "<" is escaped so no text can close the element.
  const data = JSON.stringify(queries).replace(/</g, '\\u003c');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>SPARQL query: Digital Innovation Hubs</title>
<link rel="stylesheet" href="${ASSET_PREFIX}yasgui.min.css">
<link rel="stylesheet" href="${ASSET_PREFIX}query-page.css">
</head>
<body>
<header><h1>SPARQL endpoint</h1><p>Query the Digital Innovation Hub graph. The endpoint is <code>/sparql</code> (SPARQL 1.1 Protocol, read-only).</p></header>
<nav aria-label="Named queries"><h2>Named queries</h2><ul id="named-queries">
${buttons}
</ul></nav>
<main id="yasgui"></main>
<script type="application/json" id="named-query-texts">${data}</script>
<script src="${ASSET_PREFIX}yasgui.min.js"></script>
<script src="${ASSET_PREFIX}query-page.js"></script>
</body>
</html>
`;
}

const QUERY_PAGE_JS = `'use strict';
(function () {
  var texts = JSON.parse(document.getElementById('named-query-texts').textContent);
  // the UMD build exposes a module object; the class is its default export
  var YasguiClass = window.Yasgui && window.Yasgui.default ? window.Yasgui.default : window.Yasgui;
  var yasgui = new YasguiClass(document.getElementById('yasgui'), {
    requestConfig: { endpoint: new URL('/sparql', location.href).href, method: 'POST' },
    copyEndpointOnNewTab: true,
    persistenceId: null,
    populateFromUrl: false,
    endpointCatalogueOptions: { getData: function () { return []; } },
  });
  window.dihYasgui = yasgui;
  document.querySelectorAll('button[data-query]').forEach(function (button) {
    button.addEventListener('click', function () {
      var tab = yasgui.getTab();
      tab.setQuery(texts[button.getAttribute('data-query')]);
      tab.query();
    });
  });
})();
`;

const QUERY_PAGE_CSS = `body { font-family: system-ui, sans-serif; margin: 0 1rem; }
header h1 { margin-bottom: 0.2rem; }
#named-queries { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: 0.4rem; }
#named-queries button { cursor: pointer; padding: 0.3rem 0.6rem; }
`;

/** The page's assets: the YASGUI build files, read from node_modules once, and our own script. */
export function queryPageAssets(): Map<string, { type: string; body: Buffer }> {
  const yasguiBuild = join(dirname(createRequire(import.meta.url).resolve('@zazuko/yasgui/package.json')), 'build');
  return new Map([
    ['yasgui.min.js', { type: 'application/javascript', body: readFileSync(join(yasguiBuild, 'yasgui.min.js')) }],
    ['yasgui.min.css', { type: 'text/css', body: readFileSync(join(yasguiBuild, 'yasgui.min.css')) }],
    ['query-page.js', { type: 'application/javascript', body: Buffer.from(QUERY_PAGE_JS) }],
    ['query-page.css', { type: 'text/css', body: Buffer.from(QUERY_PAGE_CSS) }],
  ]);
}
