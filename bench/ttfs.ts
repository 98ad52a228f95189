// Time to first step where the user feels it: the studio page of the production build in
// headless Chromium, a fresh browser context each time (a first visit). Open a preset, wait
// as a user would (the page is open well before Train), press Train, and time until the
// first loss value shows in the Loss view. The parts come from the page's User Timing marks
// (app/lib/run-marks.ts) and the worker's own split of data loading and backend start.
//   npm run bench:ttfs -- [--presets ae,simclr,vicreg,byol] [--rounds 3] [--idle 3000] [--backend wasm] [--against DIR]
// --against DIR: another checkout with its own production build (`npm run build` there),
// measured in turns with this one under the same load (before / after).
import { spawn, type ChildProcess } from 'node:child_process';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { PRESETS } from '../engine/presets';
import { ensureBuild, nextBin, root } from '../scripts/lib/build-check.mjs';

const arg = (name: string, dflt: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : dflt;
};
const presets = arg('presets', 'ae,simclr,vicreg,byol').split(',');
const rounds = Number(arg('rounds', '3'));
const idleMs = Number(arg('idle', '3000'));
const backend = arg('backend', 'wasm');
const against = arg('against', '');

interface Sample {
  total: number;
  /** click → train() called (the page's own work) */
  page: number;
  /** train() → backend event: worker start, tfjs, data, backend */
  start: number;
  data: number | null;
  init: number | null;
  /** backend → running: compile */
  compile: number;
  /** running → last view of the untrained model */
  views0: number;
  /** → first metrics received: the first step and its read */
  step1: number;
  /** metrics received → shown */
  render: number;
}

/** In the page: the time of the click on Train, and of the first loss value in the DOM. */
const WATCH_FIRST_LOSS = `(() => {
  const w = window;
  w.__ttfs = {};
  document.addEventListener('click', (e) => {
    if (w.__ttfs.click === undefined && e.target.closest('button')?.textContent?.trim() === 'Train') w.__ttfs.click = e.timeStamp;
  }, { capture: true });
  const mo = new MutationObserver(() => {
    if (w.__ttfs.shown === undefined && document.querySelector('[data-testid="loss-latest"] tr[data-last]')) {
      w.__ttfs.shown = performance.now();
      mo.disconnect();
    }
  });
  mo.observe(document.body, { childList: true, subtree: true, attributes: true });
})()`;

/** In the page: the parts, from the click, the run's marks (app/lib/run-marks.ts) and the first loss shown. */
const READ_PARTS = `(() => {
  const t = window.__ttfs;
  const at = (name) => performance.getEntriesByName(name, 'mark').at(-1);
  const train = at('latent:train')?.startTime ?? t.click;
  const b = at('latent:backend');
  const backend = b?.startTime ?? train;
  const running = at('latent:running')?.startTime ?? backend;
  const views = at('latent:views0')?.startTime ?? running;
  const metrics = at('latent:metrics')?.startTime ?? t.shown;
  const split = b?.detail ?? null;
  return {
    total: t.shown - t.click,
    page: train - t.click,
    start: backend - train,
    data: split ? split.data : null,
    init: split ? split.backend : null,
    compile: running - backend,
    views0: views - running,
    step1: metrics - views,
    render: t.shown - metrics,
  };
})()`;

async function serve(dir: string, port: number): Promise<ChildProcess> {
  const bin = dir === root ? nextBin : join(dir, 'node_modules', 'next', 'dist', 'bin', 'next');
  const server = spawn(process.execPath, [bin, 'start', '-p', String(port)], { cwd: dir, stdio: 'ignore' });
  for (let i = 0; i < 200; i++) {
    try {
      if ((await fetch(`http://localhost:${port}/`)).ok) return server;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  server.kill('SIGTERM');
  throw new Error(`${dir}: next start did not answer on ${port}`);
}

async function measure(browser: Browser, port: number, preset: string): Promise<Sample> {
  const title = PRESETS.find((p) => p.name === preset)?.title;
  if (!title) throw new Error(`unknown preset ${preset}`);
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  try {
    const page = await context.newPage();
    await page.goto(`http://localhost:${port}/`);
    await page.locator('.react-flow').waitFor();
    await page.getByRole('combobox', { name: 'Backend' }).selectOption(backend);
    await page.getByRole('button', { name: 'Presets' }).click();
    await page.getByRole('menuitem', { name: title, exact: true }).click();
    await page.waitForTimeout(idleMs);
    // as a string: tsx would wrap the named functions in a helper the page does not have
    await page.evaluate(WATCH_FIRST_LOSS);
    await page.getByRole('button', { name: 'Train', exact: true }).click();
    await page.waitForFunction('window.__ttfs.shown !== undefined', null, { timeout: 120_000, polling: 50 });
    return (await page.evaluate(READ_PARTS)) as Sample;
  } finally {
    await context.close();
  }
}

const builds: Array<{ name: string; dir: string; port: number }> = [{ name: 'this', dir: root, port: 3221 }];
if (against) builds.unshift({ name: 'against', dir: against, port: 3222 });
if ((await ensureBuild()) !== 0) process.exit(1);
const servers = await Promise.all(builds.map((b) => serve(b.dir, b.port)));
const samples = new Map<string, Sample[]>();
const loads: number[] = [];
try {
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium', args: ['--no-sandbox', '--disable-quic', '--disable-sync', '--enable-unsafe-webgpu'] });
  for (let r = 0; r < rounds; r++) {
    for (const preset of presets) {
      for (const b of r % 2 ? [...builds].reverse() : builds) {
        loads.push(loadavg()[0]);
        const s = await measure(browser, b.port, preset);
        const key = `${b.name}|${preset}`;
        samples.set(key, [...(samples.get(key) ?? []), s]);
        console.error(`round ${r + 1} ${preset} ${b.name}: ${s.total.toFixed(0)} ms (start ${s.start.toFixed(0)}, compile ${s.compile.toFixed(0)}, views0 ${s.views0.toFixed(0)}, step1 ${s.step1.toFixed(0)})`);
      }
    }
  }
  await browser.close();
} finally {
  for (const s of servers) s.kill('SIGTERM');
}

const median = (a: number[]) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];
const f = (x: number | null) => (x === null || Number.isNaN(x) ? '–' : x.toFixed(0));
const med = (list: Sample[], k: keyof Sample) => {
  const v = list.map((s) => s[k]).filter((x): x is number => x !== null);
  return v.length ? median(v) : null;
};
console.log(`\nbench:ttfs, ${backend}, headless Chromium, production build, fresh context per sample, ${idleMs} ms between opening the preset and Train; median of ${rounds} rounds; load average ${Math.min(...loads).toFixed(1)}–${Math.max(...loads).toFixed(1)}; ${new Date().toISOString()}`);
console.log('| preset | build | Train → first loss shown ms | page | worker start | (of which data) | (of which backend) | compile | views of step 0 | first step + read | render |');
console.log('|---|---|---|---|---|---|---|---|---|---|---|');
for (const preset of presets) {
  for (const b of builds) {
    const list = samples.get(`${b.name}|${preset}`) ?? [];
    const name = b.name === 'this' ? 'this checkout' : against;
    console.log(`| ${preset} | ${name} | **${f(med(list, 'total'))}** | ${f(med(list, 'page'))} | ${f(med(list, 'start'))} | ${f(med(list, 'data'))} | ${f(med(list, 'init'))} | ${f(med(list, 'compile'))} | ${f(med(list, 'views0'))} | ${f(med(list, 'step1'))} | ${f(med(list, 'render'))} |`);
  }
}
