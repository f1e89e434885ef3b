// How the page looks and how it is used: phone width, dark theme, keyboard and screen-reader
// basics (axe-core), and the screenshots a person checks.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import {
  REPO, useSiteAndBrowser, newPage, openPlayground, screenshot, PHONE,
} from './helpers.mjs';

const session = useSiteAndBrowser();

// Relative luminance of a CSS rgb() colour, 0 (black) .. 1 (white).
function luminance(rgb) {
  const [r, g, b] = rgb.match(/[\d.]+/g).slice(0, 3).map((v) => {
    const c = Number(v) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}
const background = (page) => page.evaluate(() => getComputedStyle(document.body).backgroundColor);

test('at phone width the editors stack and nothing scrolls sideways', async () => {
  const page = await newPage(session.browser, { viewport: PHONE });
  await openPlayground(page, session.server.url);
  const a = await page.locator('#pane-a').boundingBox();
  const b = await page.locator('#pane-b').boundingBox();
  assert.ok(b.y >= a.y + a.height, 'pane B is below pane A');
  assert.ok(Math.abs(a.x - b.x) < 1 && a.width <= PHONE.width, 'panes share one column');
  assert.equal(await page.evaluate(() => document.documentElement.scrollWidth), PHONE.width);
  // 16px code font: iOS does not zoom into the editor on focus.
  assert.equal(await page.$eval('#code-a', (t) => getComputedStyle(t).fontSize), '16px');
  await screenshot(page, 'phone.png');
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('dark theme follows the system, and the toggle pins light or dark', async () => {
  const page = await newPage(session.browser, { colorScheme: 'dark' });
  await openPlayground(page, session.server.url);
  assert.ok(luminance(await background(page)) < 0.05, 'dark background');
  assert.ok(luminance(await page.$eval('#code-a', (t) => getComputedStyle(t).color)) > 0.6, 'light text');
  await screenshot(page, 'desktop-dark.png');

  await page.click('label[for=theme-light]');
  assert.ok(luminance(await background(page)) > 0.8, 'light background when pinned');
  assert.match(await page.evaluate(() => location.hash), /theme=light/);
  await page.click('label[for=theme-auto]');
  assert.ok(luminance(await background(page)) < 0.05, 'auto follows the dark system again');
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('keyboard: skip links first, visible focus, radios by arrow keys', async () => {
  const page = await newPage(session.browser);
  await openPlayground(page, session.server.url);
  const skips = [];
  for (let i = 0; i < 3; i++) {
    await page.keyboard.press('Tab');
    skips.push(await page.evaluate(() => `${document.activeElement.className} ${document.activeElement.getAttribute('href')}`));
  }
  assert.deepEqual(skips, ['skip-link #panes', 'skip-link #wb-stage', 'skip-link #apply']);
  // "Skip to the padding diagram": Enter, then two Tabs reach Play (First, Back, Play).
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Enter');
  for (let i = 0; i < 3; i++) await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'wb-play');
  await page.reload();
  await page.waitForSelector('html[data-engine="ready"]');
  for (let i = 0; i < 4; i++) await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'example-select');
  const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
  assert.equal(outline, 'solid');

  await page.focus('#style-keras2');
  await page.keyboard.press('ArrowRight');
  assert.equal(await page.isChecked('#style-keras3'), true);
  await page.waitForFunction(() => document.querySelector('#pane-a .summary-text').textContent.includes('┏'));
  // The summary announces changes politely; the editors have names.
  assert.equal(await page.getAttribute('#pane-a .summary-status', 'aria-live'), 'polite');
  assert.match(await page.locator('#code-a').evaluate((t) => t.labels[0].textContent), /Model A code/);
  await page.context().close();
});

test('axe-core finds no serious accessibility problems (light, dark, error state)', async () => {
  const page = await newPage(session.browser, { bypassCSP: true });  // axe is injected as an inline script
  await openPlayground(page, session.server.url);
  const axePath = path.join(REPO, 'node_modules/axe-core/axe.min.js');
  const audit = async (label) => {
    await page.addScriptTag({ path: axePath });
    // The whole page, the stale summary of the error state included (issue 17: it read 2.7:1).
    const result = await page.evaluate(() => globalThis.axe.run(
      { include: [['body']] }, { resultTypes: ['violations'] }));
    const bad = result.violations.filter((v) => ['serious', 'critical'].includes(v.impact));
    assert.deepEqual(bad.map((v) => `${label}: ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`), []);
  };
  await audit('light');
  await page.click('label[for=theme-dark]');
  await audit('dark');
  await page.locator('#code-a').click();
  await page.locator('#code-a').press('ControlOrMeta+End');
  await page.keyboard.insertText('model.add(Conv2D(8, kernel_size=99))\n');
  await page.waitForSelector('#pane-a .error-box:not([hidden])');
  await page.waitForSelector('#pane-a .summary.is-stale');
  await audit('error');
  await page.click('label[for=theme-light]');
  await audit('error, light');
  await page.context().close();
});
