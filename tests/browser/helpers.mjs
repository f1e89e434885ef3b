import { before, after } from 'node:test';
// Shared setup for the browser tests: a static server for the built site and a Chromium page
// that records every console error and uncaught exception.
//   PADLAB_WEB_DIR  site directory to serve (default <repo>/build/web, made by scripts/build.sh wasm)
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const WEB_DIR = path.resolve(process.env.PADLAB_WEB_DIR ?? path.join(REPO, 'build/web'));
export const SCREENSHOT_DIR = path.join(REPO, 'build/screenshots');
export const CHROMIUM = process.env.PADLAB_CHROMIUM ?? '/usr/bin/chromium';

const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ts': 'text/plain; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.py': 'text/plain; charset=utf-8',
  '.gif': 'image/gif',
  '.map': 'application/json; charset=utf-8',
};

// Fails loudly: CI builds the site before these tests, so a missing file is a real failure.
export function assertSiteBuilt() {
  for (const file of ['index.html', 'playground/app.js', 'padlab.js']) {
    if (!fs.existsSync(path.join(WEB_DIR, file))) {
      throw new Error(`${path.join(WEB_DIR, file)} is missing: build the site first (scripts/build.sh wasm) or set PADLAB_WEB_DIR`);
    }
  }
}

// Serves WEB_DIR on 127.0.0.1 with a free port. headers: extra response headers (e.g. a CSP).
// mounts: { '/fixtures/': dir } serves other folders under a URL prefix (test pages that sit
// beside the site, as a blog would). rewrite(urlPath, text) -> text may edit served HTML.
export async function startServer({ headers = {}, mounts = {}, rewrite = null, root: rootDir = WEB_DIR } = {}) {
  if (rootDir === WEB_DIR) assertSiteBuilt();
  const root = fs.realpathSync(rootDir);
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://127.0.0.1');
    let rel = decodeURIComponent(url.pathname);
    if (rel.endsWith('/')) rel += 'index.html';
    let base = root;
    for (const [prefix, dir] of Object.entries(mounts)) {
      if (rel.startsWith(prefix)) {
        base = fs.realpathSync(dir);
        rel = rel.slice(prefix.length - 1);
        break;
      }
    }
    const file = path.join(base, path.normalize(rel));
    if (!file.startsWith(base + path.sep)) { res.writeHead(403).end(); return; }
    fs.readFile(file, (err, body) => {
      if (!err && rewrite && file.endsWith('.html')) body = rewrite(url.pathname, body.toString('utf8'));
      if (err) { res.writeHead(404, { 'content-type': 'text/plain' }).end('not found'); return; }
      res.writeHead(200, {
        'content-type': MIME[path.extname(file)] ?? 'application/octet-stream',
        'cache-control': 'no-store',
        ...headers,
      });
      res.end(body);
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () => new Promise((resolve) => { server.closeAllConnections?.(); server.close(resolve); }),
  };
}

export async function launchBrowser() {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium`);
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

// One served site and one Chromium for a test file: registers node:test's before/after hooks
// and returns an object whose `server` and `browser` are set once `before` has run.
export function useSiteAndBrowser(serverOptions = {}) {
  const session = { server: null, browser: null };
  before(async () => {
    session.server = await startServer(serverOptions);
    session.browser = await launchBrowser();
  });
  after(async () => {
    await session.browser?.close();
    await session.server?.close();
  });
  return session;
}

export const DESKTOP = { width: 1440, height: 1000 };
export const PHONE = { width: 390, height: 844 };

// A new page (own context, so own localStorage) that collects problems into page.problems.
// bypassCSP: only for tests that inject their own scripts (axe-core).
export async function newPage(browser, { viewport = DESKTOP, colorScheme = 'light', bypassCSP = false } = {}) {
  const ctx = await browser.newContext({ viewport, colorScheme, deviceScaleFactor: 1, bypassCSP });
  const page = await ctx.newPage();
  page.problems = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error' || msg.type() === 'warning') page.problems.push(`console.${msg.type()}: ${msg.text()}`);
  });
  page.on('pageerror', (err) => page.problems.push(`pageerror: ${err.message}`));
  // ERR_ABORTED is the browser dropping a request because the page navigated (a reload while the
  // favicon was still loading), not a failure of the site.
  page.on('requestfailed', (req) => {
    const why = req.failure()?.errorText ?? '';
    if (why !== 'net::ERR_ABORTED') page.problems.push(`requestfailed: ${req.url()} ${why}`);
  });
  page.on('response', (res) => { if (res.status() >= 400) page.problems.push(`HTTP ${res.status()}: ${res.url()}`); });
  return page;
}

// Opens the playground and waits until the engine has produced both summaries.
export async function openPlayground(page, url) {
  await page.goto(url);
  await waitReady(page);
}

export async function waitReady(page) {
  await page.waitForSelector('html[data-app="ready"]', { timeout: 20000 });
  const engine = await page.getAttribute('html', 'data-engine');
  if (engine !== 'ready') {
    throw new Error(`engine did not load: ${await page.textContent('#engine-status')}`);
  }
}

export const summaryText = (page, pane) => page.textContent(`#pane-${pane} .summary-text`);

// Replaces an editor's text the way a user would (select all, type), so input events fire.
export async function replaceCode(page, pane, text) {
  const area = page.locator(`#code-${pane}`);
  await area.click();
  await area.press('ControlOrMeta+a');
  await area.press('Delete');
  await page.keyboard.insertText(text);
}

// Waits until a pane's summary text contains `needle`.
export async function waitSummaryContains(page, pane, needle, timeout = 5000) {
  await page.waitForFunction(
    ([p, n]) => document.querySelector(`#pane-${p} .summary-text`)?.textContent.includes(n),
    [pane, needle], { timeout });
}

export async function screenshot(page, name) {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, name);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}
