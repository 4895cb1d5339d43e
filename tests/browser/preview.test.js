// (g) `gongshi serve` as a web-team member sees it in the browser: the 预览 banner with the
// deadline report, the page reloading by itself when a record changes, a broken build shown in
// the page and the site back once it is fixed. Needs GONGSHI_BIN (set by .ci/site-checks).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TEST_TIMEOUT, launch } from './lib.js';

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const BIN = process.env.GONGSHI_BIN;
const AS_OF = '2026-03-02';

let browser;
let server;
let site;
let base;

before(async () => {
  if (!BIN) throw new Error('GONGSHI_BIN is not set (run bash .ci/site-checks)');
  site = mkdtempSync(join(tmpdir(), 'gongshi-preview-'));
  rmSync(site, { recursive: true });
  execFileSync(BIN, ['init', site, '--as-of', AS_OF]);
  server = spawn(BIN, ['serve', '--site', site, '--port', '0', '--as-of', AS_OF], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  base = await new Promise((resolve, reject) => {
    const lines = createInterface({ input: server.stderr });
    lines.on('line', (line) => {
      const match = line.match(/http:\/\/127\.0\.0\.1:\d+\//);
      if (match) resolve(match[0]);
    });
    server.on('exit', (code) => reject(new Error(`gongshi serve exited ${code}`)));
  });
  browser = await launch();
});

after(async () => {
  await browser?.close();
  server?.kill();
  if (site) rmSync(site, { recursive: true, force: true });
});

test('preview: the banner shows 预览 and the deadline report', { timeout: TEST_TIMEOUT }, async () => {
  const page = await browser.newPage({ locale: 'zh-CN' });
  try {
    await page.goto(base);
    const banner = page.locator('#gongshi-preview');
    assert.ok(await banner.isVisible(), 'the banner is visible');
    assert.match(await banner.innerText(), /预览/);
    await banner.locator('summary').click();
    assert.match(await banner.locator('pre').innerText(), /gongshi report as of 2026-03-02/);
    await page.addScriptTag({ content: AXE_SOURCE });
    const result = await page.evaluate(() =>
      window.axe.run('#gongshi-preview', { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }),
    );
    assert.deepEqual(result.violations.map((v) => `${v.id}: ${v.help}`), [], 'the banner passes axe');
  } finally {
    await page.close();
  }
});

test('preview: an open page reloads by itself when a record changes', { timeout: TEST_TIMEOUT }, async () => {
  const page = await browser.newPage({ locale: 'zh-CN' });
  try {
    await page.goto(`${base}tasks/example-002/`);
    assert.match(await page.locator('main').innerText(), /某某电子科技有限公司/);
    const tasks = join(site, 'data/tasks/example.csv');
    writeFileSync(tasks, readFileSync(tasks, 'utf8').replace('某某电子科技有限公司', '某某更名科技有限公司'));
    // No reload from here: the page must do it.
    await page.waitForFunction(
      () => document.querySelector('main')?.innerText.includes('某某更名科技有限公司'),
      null,
      { timeout: 20_000 },
    );

    const config = join(site, 'gongshi.toml');
    const good = readFileSync(config, 'utf8');
    writeFileSync(config, `${good}\nno_such_key = 1\n`);
    await page.waitForFunction(() => document.title.includes('构建失败'), null, { timeout: 20_000 });
    assert.match(await page.locator('pre').innerText(), /no_such_key/);
    writeFileSync(config, good);
    await page.waitForFunction(
      () => document.querySelector('main')?.innerText.includes('某某更名科技有限公司'),
      null,
      { timeout: 20_000 },
    );
  } finally {
    await page.close();
  }
});
