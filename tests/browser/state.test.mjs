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

test('the padding diagram is in the link: picture, step and selected layer survive a reload and a fresh browser', async () => {
  const page = await newPage(session.browser);
  await openPlayground(page, session.server.url);
  const WB = '#diagram-workbench';
  await page.waitForSelector(`${WB} .pld-figure svg`);
  const picture = (p) => p.evaluate((wb) => ({
    step: document.querySelector(wb).dataset.step,
    title: document.querySelector(`${wb} [data-role=title]`)?.textContent,
    kernel: document.querySelector('#wb-kernel').value,
  }), WB);
  const reopen = async (link) => {
    const fresh = await newPage(session.browser);
    await openPlayground(fresh, link);
    await fresh.waitForSelector(`${WB} .pld-figure svg`);
    await fresh.waitForFunction((wb) => document.querySelector(wb).dataset.step !== undefined, WB);
    const seen = await picture(fresh);
    assert.deepEqual(fresh.problems, []);
    await fresh.context().close();
    return seen;
  };

  // A preset, two steps on.
  await page.click('[data-preset=reflection_2d]');
  await page.click('#wb-forward');
  await page.click('#wb-forward');
  await page.waitForFunction(() => new URLSearchParams(location.hash.slice(1)).get('dg') === 'preset=reflection_2d&step=3');
  const preset = await picture(page);
  assert.equal(preset.step, '2');
  await page.reload();
  await page.waitForFunction((wb) => document.querySelector(wb).dataset.step === '2', WB);
  assert.deepEqual(await picture(page), preset);
  assert.deepEqual(await reopen(page.url()), preset);

  // Settings edited by hand: kept as the embed attributes.
  await page.fill('#wb-kernel', '2');
  await page.waitForFunction(() => /(^|&)kernel=2(&|$)/.test(new URLSearchParams(location.hash.slice(1)).get('dg') ?? ''));
  const custom = await reopen(page.url());
  assert.equal(custom.kernel, '2');

  // A layer of a model, picked in its table.
  await page.click('#pane-a tbody tr[data-index="1"] .layer-button');
  await page.waitForFunction(() => new URLSearchParams(location.hash.slice(1)).get('dg') === 'layer=a.conv2d_1');
  const layer = await picture(page);
  assert.match(layer.title, /Conv2D/);
  assert.deepEqual(await reopen(page.url()), layer);
  assert.match(await page.textContent(`${WB} .wb-source`), /conv2d_1/);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});
