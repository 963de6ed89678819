/**
 * serve/query-page: a real headless Chromium opens /sparql, clicks a named query and sees the
 * results table YASGUI draws from the server's answer. Every request the page makes is recorded:
 * nothing may leave 127.0.0.1 (YASGUI is served locally, no CDN).
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { chromium, type BrowserContext } from 'playwright-core';
import type { RunningServer } from '../../src/serve/server.js';
import { serve } from './fixture.js';
import { tempDir } from '../helpers/paths.js';

const CHROMIUM = '/usr/bin/chromium';

describe('serve/query-page in headless Chromium', function () {
  this.timeout(180_000);
  let server: RunningServer;
  let browser: BrowserContext;
  before(async function () {
    if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: the browser test needs Debian's chromium (apt-get install chromium)`);
    server = await serve();
    // a fresh profile each run (playwright passes it to Chromium as --user-data-dir)
    browser = await chromium.launchPersistentContext(tempDir('dih-ld-chromium-'), {
      executablePath: CHROMIUM,
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it('serve/query-page runs the named queries hubs-by-status and hubs-by-sector and shows their results tables', async function () {
    const page = await browser.newPage();
    const requests: string[] = [];
    const errors: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    page.on('pageerror', (e) => errors.push(e.message));
    const answers: Promise<{ encoding?: string; asked?: string }>[] = [];
    page.on('response', (r) => {
      if (new URL(r.url()).pathname !== '/sparql' || r.request().resourceType() === 'document') return;
      answers.push(Promise.all([r.allHeaders(), r.request().allHeaders()]).then(([got, sent]) => ({ encoding: got['content-encoding'], asked: sent['accept-encoding'] })));
    });
    const response = await page.goto(`${server.url}/sparql`);
    assert.equal(response?.status(), 200);
    assert.match(response?.headers()['content-type'] ?? '', /text\/html/);
    await page.waitForSelector('.yasgui .yasqe');
    await page.click('button[data-query="hubs-by-status"]');
    const table = page.locator('.yasr table.dataTable');
    await table.waitFor({ state: 'visible', timeout: 60_000 });
    const headers = await table.locator('thead th').allInnerTexts();
    for (const column of ['status', 'hubName', 'countryName', 'type']) assert.ok(headers.some((h) => h.includes(column)), `columns: ${headers.join(' | ')}`);
    const text = await table.locator('tbody').innerText();
    assert.match(text, /PRODUTECH/);
    assert.match(text, /fully operational/i);
    // a larger answer comes compressed in the coding Chromium prefers, and is drawn all the same
    await page.click('button[data-query="hubs-by-sector"]');
    await table.locator('thead th', { hasText: 'sectorName' }).waitFor({ timeout: 60_000 });
    assert.match(await table.locator('tbody').innerText(), /PRODUTECH/);
    const sent = await Promise.all(answers);
    assert.equal(sent.length, 2);
    assert.equal(sent[0]!.encoding, undefined, 'an answer under 1 KB is sent as it is');
    assert.equal(sent[1]!.encoding, 'br', `asked for ${sent[1]!.asked}`);
    assert.deepEqual(errors, []);
    const offsite = requests.filter((u) => !u.startsWith(server.url) && !u.startsWith('data:'));
    assert.deepEqual(offsite, [], `requests that left the server: ${offsite.join(', ')}`);
    await page.close();
  });
});
