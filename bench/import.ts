// Import speed in headless Chromium through the Data panel of the production build:
// a 50,000-image 28×28 MedMNIST-layout .npz and a zip of 5,000 28×28 PNGs, from the
// file chooser to "Imported" (read, parse / decode in the worker, hash, IndexedDB).
// The same files are parsed in Node by the CLI's code path, side by side, for reference.
//   npm run bench:import
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { importFile } from '../engine/data/import-file';
import { medmnistNpz, pngZip } from '../engine/data/testing/fixtures';
import { decodeImageNode } from '../scripts/lib/decode-image';
import { ensureBuild, nextBin, root } from '../scripts/lib/build-check.mjs';

const port = 3219;
const dir = mkdtempSync(join(tmpdir(), 'bench-import-'));
const files = [
  { name: 'medmnist-50k.npz', make: () => medmnistNpz({ train: 45_000, test: 5_000, classes: 10 }) },
  { name: 'pngs-5k.zip', make: () => pngZip({ perClass: 500, classes: Array.from({ length: 10 }, (_, i) => `class${i}`) }) },
];

async function importInPage(page: Page, name: string, bytes: Uint8Array) {
  await page.evaluate(() => {
    const w = window as unknown as { __long: number[] };
    w.__long = [];
    new PerformanceObserver((l) => l.getEntries().forEach((e) => w.__long.push(e.duration))).observe({ type: 'longtask' });
  });
  const chooser = page.waitForEvent('filechooser');
  await page.locator('#data-drawer').getByRole('button', { name: 'Import file…' }).click();
  const fc = await chooser;
  // from a file on disk, as a user picks it: a { buffer } payload is rebuilt from base64 by
  // script in the page, a main-thread task of seconds that the app never runs
  const path = join(dir, name);
  writeFileSync(path, bytes);
  const t0 = Date.now();
  await fc.setFiles(path);
  await page.getByTestId('import-outcome').filter({ hasText: name }).waitFor({ timeout: 10 * 60_000 });
  const ms = Date.now() - t0;
  const outcome = (await page.getByTestId('import-outcome').textContent()) ?? '';
  const long = await page.evaluate(() => (window as unknown as { __long: number[] }).__long);
  return { ms, outcome, longest: long.length ? Math.max(...long) : 0, longCount: long.length };
}

if ((await ensureBuild()) !== 0) process.exit(1);
const server = spawn(process.execPath, [nextBin, 'start', '-p', String(port)], { cwd: root, stdio: 'ignore' });
try {
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(`http://localhost:${port}/`)).ok) break;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium', args: ['--no-sandbox', '--disable-quic', '--disable-sync'] });
  const page = await browser.newPage();
  await page.goto(`http://localhost:${port}/`);
  await page.getByTestId('data-button').click();
  console.log(`\nImport in headless Chromium (Data panel → worker → IndexedDB) vs the same parse in Node, ${new Date().toISOString()}`);
  console.log('| file | size | Chromium import | longest main-thread task | Node parse (reference) | result |');
  console.log('|---|---|---|---|---|---|');
  for (const f of files) {
    const bytes = f.make();
    const r = await importInPage(page, f.name, bytes);
    const t0 = performance.now();
    const set = await importFile(f.name, bytes, { decode: decodeImageNode });
    const nodeMs = performance.now() - t0;
    const images = set.train.count + (set.test?.count ?? 0);
    console.log(`| ${f.name} | ${(bytes.length / 1024 / 1024).toFixed(1)} MB | ${(r.ms / 1000).toFixed(2)} s | ${r.longCount ? `${r.longest.toFixed(0)} ms (${r.longCount} ≥ 50 ms)` : 'none ≥ 50 ms'} | ${(nodeMs / 1000).toFixed(2)} s | ${images} images; ${r.outcome.replace(/×$/, '').slice(0, 80)} |`);
  }
  await browser.close();
} finally {
  server.kill('SIGTERM');
  rmSync(dir, { recursive: true, force: true });
}
