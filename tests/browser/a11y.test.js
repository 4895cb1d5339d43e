// (a) axe-core on one page of every kind: WCAG 2.0/2.1 A and AA, plus best practices.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { KINDS, TEST_TIMEOUT, launch, discoverPages, guardedContext, pathOf, visit } from './lib.js';

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'];
const NODES_SHOWN = 8;

let browser;
let pages;
before(async () => {
  browser = await launch();
  pages = await discoverPages(browser);
});
after(async () => {
  await browser?.close();
});

function describe(path, violations) {
  const lines = [`${violations.length} axe violation(s) on ${path}:`];
  for (const v of violations) {
    lines.push(`- ${v.id} [${v.impact}] ${v.help} (${v.nodes.length} node(s)) ${v.helpUrl}`);
    for (const node of v.nodes.slice(0, NODES_SHOWN)) {
      const summary = (node.failureSummary || '').split('\n').slice(1, 2).join(' ').trim();
      lines.push(`    ${JSON.stringify(node.target)}${summary ? ` — ${summary}` : ''}`);
      lines.push(`      ${node.html.slice(0, 160)}`);
    }
    if (v.nodes.length > NODES_SHOWN) lines.push(`    … and ${v.nodes.length - NODES_SHOWN} more`);
  }
  return lines.join('\n');
}

for (const kind of KINDS) {
  test(`a11y: axe finds no violation on the ${kind.label}`, { timeout: TEST_TIMEOUT }, async () => {
    const path = pathOf(pages, kind);
    const { context } = await guardedContext(browser, { viewport: { width: 1280, height: 900 } });
    try {
      const page = await context.newPage();
      await visit(page, path);
      await page.evaluate(() => document.fonts.ready);
      await page.addScriptTag({ content: AXE_SOURCE });
      const results = await page.evaluate(
        (tags) => window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] }),
        TAGS,
      );
      console.log(`axe ${results.testEngine.version} on ${path}: ${results.passes.length} rules passed, ` +
        `${results.inapplicable.length} inapplicable, ${results.violations.length} violated`);
      const message = describe(path, results.violations);
      if (results.violations.length) console.log(message);
      assert.equal(results.violations.length, 0, message);
    } finally {
      await context.close();
    }
  });
}
