// The latent-variable EBM in the energy view: the energy over the plane, the held-out
// points, and each point joined to dec(ž), where the model explains it at its inferred z.
import { expect, test } from '@playwright/test';
import { StudioPage } from './pages/studio';
import { ViewsPage } from './pages/views';

test('Latent-variable EBM on wasm: the energy view draws the landscape and joins every held-out point to dec(ž)', async ({ page }, info) => {
  test.setTimeout(150_000);
  const studio = new StudioPage(page);
  const views = new ViewsPage(page);
  await studio.goto();
  await studio.openPreset('Latent-variable EBM');
  await studio.configureRun({ steps: 10, logEvery: 1, imageEvery: 5, latentEvery: 50, evalEvery: 0, evalAtEnd: true });
  // wasm: on this shared machine a WebGPU run did not finish 10 steps within the timeout
  await studio.chooseBackend('wasm');
  expect(await studio.trainToEnd(130_000)).toBe('Done');
  await expect(views.panel('energy')).toBeVisible();
  await expect.poll(() => views.num(views.energyCanvas, 'data-step')).toBe(10);
  expect(await views.num(views.energyCanvas, 'data-cells')).toBeGreaterThan(0);
  const points = await views.num(views.energyCanvas, 'data-points');
  expect(points).toBeGreaterThan(100);
  // one dec(ž) per held-out point drawn (a few points may fall outside the plotted square)
  expect(await views.num(views.energyCanvas, 'data-fits')).toBeGreaterThanOrEqual(points);
  await expect(views.panel('energy')).toContainText('dec(ž)');
  await page.screenshot({ path: info.outputPath('lv-ebm-energy.png') });
});
