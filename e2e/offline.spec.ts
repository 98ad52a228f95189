// The static build (npm run build:static, out/) on a plain static server: the first visit
// installs the service worker, which reloads the page cross-origin isolated; then with the
// network off a reload still opens the studio, trains 3 steps on wasm and records the run.
// scripts/e2e.mjs builds out/ first when it is stale.
import { expect, test } from '@playwright/test';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';
import { RunsPage } from './pages/runs';
import { StudioPage } from './pages/studio';

const OUT = join(process.cwd(), 'out');
const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json', '.svg': 'image/svg+xml', '.wasm': 'application/wasm', '.txt': 'text/plain', '.bin': 'application/octet-stream', '.woff2': 'font/woff2' };

let server: Server;
let origin = '';

/** A static file server with no special headers, like `npx serve` or a USB stick's. */
test.beforeAll(async () => {
  expect(existsSync(join(OUT, 'sw.js')), 'out/ holds the static build (npm run build:static)').toBe(true);
  server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    let file = normalize(join(OUT, path));
    if (!file.startsWith(OUT)) return void res.writeHead(403).end();
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    if (!existsSync(file) && existsSync(`${file}.html`)) file = `${file}.html`;
    if (!existsSync(file)) return void res.writeHead(404).end();
    res.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream' });
    createReadStream(file).pipe(res);
  });
  await new Promise<void>((r) => server.listen(0, 'localhost', r));
  origin = `http://localhost:${(server.address() as AddressInfo).port}`;
});

test.afterAll(async () => {
  await new Promise((r) => server?.close(r));
});

test.use({ viewport: { width: 1440, height: 900 } });

test('offline: after one visit the static build reloads with the network off, trains 3 steps on wasm and records the run', async ({ page, context }) => {
  const studio = new StudioPage(page);
  await page.goto(`${origin}/`);
  // the service worker precaches the build, takes over and reloads the page once, isolated
  await expect.poll(() => page.evaluate(() => window.crossOriginIsolated).catch(() => false), { timeout: 120_000 }).toBe(true);
  await expect(studio.canvas).toBeVisible();

  await context.setOffline(true);
  expect(await page.evaluate(() => fetch('/no-such-file').then(() => 'online', () => 'offline'))).toBe('offline');
  await page.reload();
  await expect(studio.canvas).toBeVisible();
  expect(await page.evaluate(() => window.crossOriginIsolated)).toBe(true);

  await studio.openPreset('Autoencoder');
  await studio.configureRun({ dataNode: 'data', batch: 32, steps: 3, evalAtEnd: false });
  await studio.chooseBackend('wasm');
  expect(await studio.trainToEnd()).toBe('Done');
  await expect(studio.backendBadge).toHaveText('wasm');
  await expect(page.getByTestId('step')).toHaveText('step 3 / 3');

  const runs = new RunsPage(page);
  await runs.open();
  await expect(runs.rows).toHaveCount(1);
  await expect(runs.rows.first()).toContainText('Autoencoder');
});
