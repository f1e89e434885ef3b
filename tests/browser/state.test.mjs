// State lives in the URL hash (a link reproduces the playground) and in localStorage
// (a reload or a bare URL loses nothing).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  useSiteAndBrowser, newPage, openPlayground, summaryText, waitSummaryContains,
} from './helpers.mjs';
import { SAME_MODEL } from '../../web/playground/seed-models.js';

const session = useSiteAndBrowser();

const EDITED_B = SAME_MODEL.replace('Dense(256', 'Dense(64') + '# ünïcödé comment ✓\n';

async function editAndWaitForHash(page) {
  const area = page.locator('#code-b');
  await area.click();
  await area.press('ControlOrMeta+a');
  await page.keyboard.insertText(EDITED_B);
  await waitSummaryContains(page, 'b', '(None, 64)');
  await page.click('label[for=style-keras3]');
  await page.click('label[for=theme-dark]');
  await page.waitForFunction(() => /[#&]b=/.test(location.hash) && /theme=dark/.test(location.hash) && /style=keras3/.test(location.hash));
}

async function assertRestored(page) {
  assert.equal(await page.inputValue('#code-b'), EDITED_B);
  assert.equal(await page.isChecked('#style-keras3'), true);
  assert.equal(await page.isChecked('#theme-dark'), true);
  assert.equal(await page.getAttribute('html', 'data-theme'), 'dark');
  assert.match(await summaryText(page, 'b'), /│ dense \(Dense\) +│ \(None, 64\)/);
  assert.match(await summaryText(page, 'a'), /Total params: 15,955,210 \(60\.86 MB\)/);
}

test('the hash restores code, style and theme after a reload and in a fresh browser', async () => {
  const page = await newPage(session.browser);
  await openPlayground(page, session.server.url);
  assert.match(await page.evaluate(() => location.hash), /^#ex=valid-vs-same&style=keras2$/);
  await editAndWaitForHash(page);
  const link = page.url();
  // Unedited code stays out of the link, edited code is in it.
  assert.doesNotMatch(link, /[#&]a=/);

  await page.reload();
  await page.waitForSelector('html[data-engine="ready"]');
  await assertRestored(page);

  // A new context has empty localStorage: only the link carries the state.
  const fresh = await newPage(session.browser);
  await openPlayground(fresh, link);
  await assertRestored(fresh);
  assert.deepEqual(page.problems, []);
  assert.deepEqual(fresh.problems, []);
  await page.context().close();
  await fresh.context().close();
});

test('localStorage restores the last playground when the URL has no hash', async () => {
  const page = await newPage(session.browser);
  await openPlayground(page, session.server.url);
  await editAndWaitForHash(page);
  const again = await page.context().newPage();
  await openPlayground(again, session.server.url);
  await assertRestored(again);
  await page.context().close();
});

test('a pasted link replaces the state of an open page', async () => {
  const maker = await newPage(session.browser);
  await openPlayground(maker, session.server.url);
  await editAndWaitForHash(maker);
  const link = maker.url();
  await maker.context().close();

  const page = await newPage(session.browser);
  await openPlayground(page, session.server.url);
  await page.evaluate((hash) => { location.hash = hash; }, new URL(link).hash);
  await waitSummaryContains(page, 'b', '(None, 64)');
  await assertRestored(page);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('a damaged link opens the default playground with a notice, not a broken page', async () => {
  const page = await newPage(session.browser);
  await openPlayground(page, `${session.server.url}#ex=valid-vs-same&a=z.not-really-deflate`);
  assert.match(await summaryText(page, 'a'), /Total params: 15,955,210/);
  assert.match(await page.textContent('#toast'), /could not be read/);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('"Copy link" copies a link that reproduces the playground', async () => {
  const page = await newPage(session.browser);
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: session.server.url });
  await openPlayground(page, session.server.url);
  await editAndWaitForHash(page);
  await page.click('#copy-link');
  await page.waitForSelector('#toast:not([hidden])');
  assert.match(await page.textContent('#toast'), /Link copied/);
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  assert.equal(copied, page.url());

  const fresh = await newPage(session.browser);
  await openPlayground(fresh, copied);
  await assertRestored(fresh);
  assert.deepEqual(page.problems, []);
  await page.context().close();
  await fresh.context().close();
});
