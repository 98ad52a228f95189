// The backend `auto` picks, and why, as the run panel tells it. Chromium here has no GPU:
// its WebGPU adapter is SwiftShader, a CPU emulation that trains 10–30× slower than wasm,
// so `auto` must skip it for a graph wasm can run and say so. The page is cross-origin
// isolated (next.config.mjs), so wasm runs its threaded binary with a thread per core (workers/wasm-threads.ts).
import { expect, test } from '@playwright/test';
import { StudioPage } from './pages/studio';

test('auto skips the software WebGPU adapter for wasm on the isolated page, and the run panel says why', async ({ page }) => {
  test.setTimeout(120_000);
  const studio = new StudioPage(page);
  await studio.goto();
  const env = await page.evaluate(() => ({ isolated: self.crossOriginIsolated, cores: navigator.hardwareConcurrency }));
  expect(env.isolated, 'COOP/COEP headers make the page cross-origin isolated').toBe(true);

  await studio.openPreset('Autoencoder');
  await studio.configureRun({ dataNode: 'data', batch: 16, steps: 3, logEvery: 1, imageEvery: 50, latentEvery: 50, evalEvery: 0, evalAtEnd: false });
  await studio.chooseBackend('auto');
  await studio.trainButton.click();
  await expect(studio.backendBadge).toHaveText('wasm', { timeout: 60_000 });
  await expect(page.getByLabel('Backends skipped')).toContainText(/webgpu: a (fallback|software) adapter .*wasm trains this graph faster/i);
  await expect(page.getByTestId('backend-why')).toContainText('auto');
  // the threaded binary runs a thread per core (isolated page), as tfjs's getThreadsCount() reports:
  // tfjs 4.22 alone would cap it at half the cores, 1 on a 2-core machine (workers/wasm-threads.ts)
  const threads = Math.min(8, env.cores);
  await expect(page.getByTestId('threads')).toHaveText(` · ${threads} thread${threads > 1 ? 's' : ''}`);
  await expect(studio.runState).toHaveText(/Done|Failed|Stopped/, { timeout: 60_000 });
  await expect(studio.runState).toHaveText('Done');
});
