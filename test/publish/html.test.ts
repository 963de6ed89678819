/**
 * The HTML site in a real headless Chromium (/usr/bin/chromium through playwright-core): the index
 * lists the hubs, a link leads to the hub's page, which shows its host and status, embeds schema.org
 * JSON-LD, and loads nothing from the network.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type BrowserContext } from 'playwright-core';
import { build } from '../../src/pipeline.js';
import { SOURCES, tempDir } from '../helpers/paths.js';

const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
const HUB = 'PRODUTECH Digital Innovation Hub National Platform';

describe('publish/html in headless Chromium', function () {
  this.timeout(120_000);
  let dist: string;
  let profile: string;
  let context: BrowserContext;
  const requests: string[] = [];
  before(async function () {
    assert.ok(existsSync(CHROMIUM), `${CHROMIUM} is missing: apt-get install chromium (.ci/run does)`);
    dist = join(tempDir(), 'dist');
    await build([SOURCES], { out: dist });
    profile = mkdtempSync(join(tmpdir(), 'dih-ld-chromium-'));
    context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: ARGS });
    context.on('request', (r) => requests.push(r.url()));
  });
  after(async function () {
    await context?.close();
    if (profile) rmSync(profile, { recursive: true, force: true });
  });

  it('publish/html index lists the hub; following its link shows the hub with its host and status', async function () {
    const page = await context.newPage();
    await page.goto(pathToFileURL(join(dist, 'index.html')).href);
    assert.equal(await page.locator('h1').first().innerText(), 'Digital Innovation Hubs');
    await page.getByRole('link', { name: HUB }).first().click();
    await page.waitForURL(/\/hub\/produtech-digital-innovation-hub-national-platform\.html$/);
    assert.equal(await page.locator('h1').innerText(), HUB);
    assert.ok(await page.getByText('Hosted by PRODUTECH – Production Technologies Cluster').isVisible());
    assert.ok(await page.getByText('Status: Fully operational').isVisible());
    assert.ok(await page.locator('table.relations').getByText('Vanguard Initiative').first().isVisible());
    assert.ok(await page.getByText('produtech-dih-national-platform').first().isVisible(), 'the source record is cited');
    await page.close();
  });

  it('publish/html hub page embeds schema.org JSON-LD describing the hub', async function () {
    const page = await context.newPage();
    await page.goto(pathToFileURL(join(dist, 'hub', 'produtech-digital-innovation-hub-national-platform.html')).href);
    const json = JSON.parse(await page.locator('script[type="application/ld+json"]').innerText()) as Record<string, unknown>;
    assert.equal(json['@context'], 'https://schema.org');
    assert.equal(json['@type'], 'Organization');
    assert.equal(json.name, HUB);
    assert.deepEqual(json.address, { '@type': 'PostalAddress', addressCountry: 'PT' });
    assert.equal((json.parentOrganization as { name: string }[])[0]?.name, 'PRODUTECH – Production Technologies Cluster');
    await page.close();
  });

  it('publish/html the ontology reference renders the hub class, reached from the navigation', async function () {
    const page = await context.newPage();
    await page.goto(pathToFileURL(join(dist, 'index.html')).href);
    await page.getByRole('link', { name: 'Ontology', exact: true }).click();
    await page.waitForURL(/\/ontology\/index\.html$/);
    assert.ok(await page.locator('#DigitalInnovationHub h3').isVisible());
    assert.match(await page.locator('#DigitalInnovationHub').innerText(), /subclass of/i);
    await page.close();
  });

  it('publish/html loads nothing but local files (no CDN)', function () {
    assert.ok(requests.length > 0);
    assert.deepEqual(requests.filter((u) => !u.startsWith('file://')), []);
  });
});
