// Training speed in headless Chromium per backend (webgpu through SwiftShader
// here, wasm, cpu), through the /bench page of the production build.
//   npm run bench:browser -- [--preset ae] [--steps 30] [--batch 256] [--backends webgpu,wasm,cpu]
// wasm threads: --backends wasm@1,wasm@2,wasm@4 (each in a fresh worker; "ran on" shows the count).
import { spawn } from 'node:child_process';
import { chromium } from 'playwright-core';
import { ensureBuild, nextBin, root } from '../scripts/lib/build-check.mjs';

const arg = (name: string, dflt: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : dflt;
};
const preset = arg('preset', 'ae');
const steps = arg('steps', '30');
const batch = arg('batch', '');
const backends = arg('backends', 'webgpu,wasm,cpu');
const port = 3217;

if ((await ensureBuild()) !== 0) process.exit(1);
const server = spawn(process.execPath, [nextBin, 'start', '-p', String(port)], { cwd: root, stdio: 'ignore' });
try {
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(`http://localhost:${port}/bench`)).ok) break;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium', args: ['--enable-unsafe-webgpu', '--no-sandbox', '--disable-quic', '--disable-sync'] });
  const page = await browser.newPage();
  await page.goto(`http://localhost:${port}/bench?preset=${preset}&steps=${steps}${batch ? `&batch=${batch}` : ''}&backends=${backends}&auto=1`);
  await page.locator('[data-testid="bench-results"][data-done="true"]').waitFor({ timeout: 30 * 60_000 });
  const rows = await page.locator('[data-testid="bench-results"] tbody tr').evaluateAll((trs) => trs.map((tr) => Array.from(tr.querySelectorAll('td'), (td) => td.textContent?.trim() ?? '')));
  await browser.close();
  console.log(`\n${preset} in headless Chromium (${steps} steps${batch ? `, batch ${batch}` : ''}), ${new Date().toISOString()}`);
  console.log('| requested | ran on | steps/s | ms/step | state |');
  console.log('|---|---|---|---|---|');
  for (const r of rows) console.log(`| ${r.join(' | ')} |`);
} finally {
  server.kill('SIGTERM');
}
