// "See learning happen": every training view draws data while a run goes on,
// the latent plot follows the tensor chosen on the canvas, and the page's main
// thread never blocks for more than 50 ms while events stream in.
//
// The SimCLR run uses the wasm backend: it computes the same numbers as WebGPU
// (presets.spec.ts proves WebGPU trains) in seconds rather than minutes on
// SwiftShader, which is what lets this run include the kNN evaluations and the
// linear probe — and a fast worker sends events faster, which is the harder case
// for the main thread.
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import { StudioPage } from './pages/studio';
import { longTasksBetween, pageNow, recordLongTasks, ViewsPage, worstMainThreadTask } from './pages/views';

// No trace recording here: Playwright's trace takes a DOM snapshot around every action, on
// the page's main thread, which the long-task measurement would blame on the app.
test.use({ viewport: { width: 1440, height: 900 }, trace: 'off' });

test('SimCLR: every view draws data, the latent plot follows the chosen tensor, and the main thread stays free', async ({ page, browser }, info) => {
  test.setTimeout(150_000);
  await recordLongTasks(page);
  const studio = new StudioPage(page);
  const views = new ViewsPage(page);
  await studio.goto();
  await studio.openPreset('SimCLR');
  await studio.configureRun({ dataNode: 'data', batch: 16, steps: 24, logEvery: 1, imageEvery: 4, latentEvery: 4, evalEvery: 12, evalAtEnd: true });
  await studio.chooseBackend('wasm');
  await views.openAll();

  // Chosen before the run: the projector output, which the first snapshot must show.
  await page.getByTestId('probe-projector-out').click();
  await expect(views.panel('latent')).toContainText('Chosen: projector.out');
  await expect(views.panel('latent')).toContainText('(at the next run)');

  // A Chromium trace of the run measures every main-thread task, also those under 50 ms.
  await browser.startTracing(page, { categories: ['toplevel'] });
  const start = await pageNow(page);
  await studio.trainButton.click();
  await expect(studio.backendBadge).toHaveText('wasm', { timeout: 60_000 });
  await expect.poll(() => views.latentCanvas.getAttribute('data-source'), { timeout: 60_000 }).toBe('projector.out');

  // During the run, clicking the encoder → projector wire plots what it carries.
  await studio.clickEdge({ node: 'encoder', port: 'out' }, { node: 'projector', port: 'in' });
  await expect(views.panel('latent')).toContainText('Chosen: encoder.out');
  await expect.poll(() => views.latentCanvas.getAttribute('data-source'), { timeout: 60_000 }).toBe('encoder.out');

  await expect(studio.runState).toHaveText(/Done|Failed|Stopped/, { timeout: 120_000 });
  const end = await pageNow(page);
  const trace = await browser.stopTracing();
  await expect(studio.runError).toHaveCount(0);
  await expect(studio.runState).toHaveText('Done');

  // Loss: one curve per term (InfoNCE has one), all 24 points, and the gradient norm below.
  await expect.poll(() => views.num(views.lossChart, 'data-points')).toBe(24);
  expect(await views.num(views.lossChart, 'data-series')).toBeGreaterThan(0);
  expect(await views.num(views.auxChart, 'data-series')).toBeGreaterThan(0);
  await views.lossChart.hover();
  await expect(views.panel('loss').locator('.view__readout')).toHaveText(/^step \d+ · [\d.]+ s$/);
  await page.mouse.move(0, 0);

  // Latent space: the 1000 held-out digits at the last step, and every snapshot kept for replay.
  await expect.poll(() => views.num(views.latentCanvas, 'data-points')).toBe(1000);
  expect(await views.num(views.latentCanvas, 'data-step')).toBe(24);
  await views.latentScrubber.focus();
  await page.keyboard.press('Home');
  await expect(views.latentCanvas).toHaveAttribute('data-step', '0');
  await page.keyboard.press('End');
  await expect(views.latentCanvas).toHaveAttribute('data-step', '24');
  await views.hoverLatentPoint();
  await expect(views.latentTip).toContainText(/label \d/);
  await expect(views.latentTip.getByTestId('latent-tip-image')).toBeVisible();
  await page.mouse.move(0, 0);

  // Images: inputs and each augmentation's two views, side by side.
  expect(await views.num(views.imageGrid, 'data-rows')).toBeGreaterThanOrEqual(3);
  await expect(views.imageGrid.getByRole('group', { name: /views side by side/ }).first()).toBeVisible();

  // Collapse monitors on the 64-d projector output.
  expect(await views.num(views.collapseBars, 'data-bars')).toBe(64);
  await expect(views.panel('collapse')).toContainText('Effective rank');
  await expect(views.collapseWarning).toHaveCount(0);

  // Evaluation: kNN during the run, and the final table with the linear probe.
  const knn = views.evalFinal.locator('tr[data-metric="knn"]');
  await expect(knn).toBeVisible();
  expect(await views.num(knn, 'data-value')).toBeGreaterThan(0.1);
  await expect(views.evalFinal).toHaveAttribute('data-final', 'true');
  expect(await views.num(views.evalFinal.locator('tr[data-metric="probe"]'), 'data-value')).toBeGreaterThan(0.1);
  await expect(views.panel('eval').getByRole('table', { name: 'Evaluations over the run' })).toBeVisible();

  // The held-out embeddings download as NumPy files, like the CLI's --save-embeddings.
  const files: Array<import('@playwright/test').Download> = [];
  page.on('download', (d) => files.push(d));
  await views.panel('eval').getByTestId('download-embeddings').click();
  await expect.poll(() => files.length).toBe(2);
  const names = files.map((d) => d.suggestedFilename()).sort();
  expect(names[0]).toMatch(/^embeddings-encoder-out-step\d+\.labels\.npy$/);
  expect(names[1]).toMatch(/^embeddings-encoder-out-step\d+\.npy$/);
  const { readFileSync } = await import('node:fs');
  const npy = readFileSync((await files.find((d) => !d.suggestedFilename().includes('labels'))!.path())!);
  expect(npy.subarray(1, 6).toString()).toBe('NUMPY');
  expect(npy.toString('latin1', 10, 10 + npy.readUInt16LE(8))).toContain("'shape': (2000, 128)");
  expect(npy.length).toBe(10 + npy.readUInt16LE(8) + 2000 * 128 * 4);

  // The selected node's live statistics, in the inspector.
  await studio.select('encoder');
  await expect(views.nodeStats).toBeVisible();
  await expect(views.nodeStats.locator('tr[data-port="out"]')).toBeVisible();

  // The main thread during the run: the worst task by its own CPU time (wall time on this
  // shared machine also counts waiting for a core; it is logged, not asserted).
  const longTasks = await longTasksBetween(page, start, end);
  const worstLong = longTasks.reduce((m, t) => Math.max(m, t.duration), 0);
  const traced = worstMainThreadTask(trace);
  console.log(
    `worst main-thread task: ${traced.worstCpuMs.toFixed(1)} ms of CPU (trace: ${traced.tasks} tasks, worst wall ${traced.worstMs.toFixed(1)} ms; longtask entries: ${longTasks.length}, worst ${Math.round(worstLong)} ms wall; ${Math.round(end - start)} ms of training)`,
  );
  expect(traced.tasks, 'the trace saw the run').toBeGreaterThan(100);
  expect(traced.worstCpuMs, JSON.stringify(longTasks)).toBeLessThan(50);

  await studio.clearSelection();
  await page.screenshot({ path: info.outputPath('simclr-views.png') });
  // Any view can be enlarged, and redraws at the larger size.
  const before = (await views.latentCanvas.boundingBox())!.width;
  await views.enlarge('latent');
  await expect.poll(async () => (await views.latentCanvas.boundingBox())!.width).toBeGreaterThan(before * 1.5);
  await page.screenshot({ path: info.outputPath('simclr-latent-enlarged.png') });
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toHaveCount(0);
});

test('K-means on 2-D points: the energy landscape is drawn under the held-out points', async ({ page }, info) => {
  test.setTimeout(120_000);
  const studio = new StudioPage(page);
  const views = new ViewsPage(page);
  await studio.goto();
  await studio.openPreset('K-means');
  await studio.configureRun({ steps: 20, logEvery: 1, imageEvery: 5, latentEvery: 50, evalEvery: 0, evalAtEnd: true });
  await studio.chooseBackend('auto');
  expect(await studio.trainToEnd(100_000)).toBe('Done');
  await expect(views.panel('energy')).toBeVisible();
  await expect.poll(() => views.num(views.energyCanvas, 'data-cells')).toBeGreaterThan(0);
  expect(await views.num(views.energyCanvas, 'data-points')).toBeGreaterThan(0);
  expect(await views.num(views.energyCanvas, 'data-step')).toBe(20);
  // held-out energy is the evaluation of a model without a representation
  await expect(views.evalFinal.locator('tr[data-metric="heldOut"]')).toBeVisible();
  await expect.poll(() => views.num(views.lossChart, 'data-points')).toBe(20);
  await page.screenshot({ path: info.outputPath('kmeans-energy.png') });
});

test('a siamese net without predictor or stop-gradient collapses, and the run panel says so; its latent plot uses UMAP', async ({ page }, info) => {
  test.setTimeout(90_000);
  const studio = new StudioPage(page);
  const views = new ViewsPage(page);
  await studio.goto();
  await page.getByTestId('import-input').setInputFiles(fileURLToPath(new URL('./fixtures/collapsing-siamese.json', import.meta.url)));
  await expect(studio.nodes).toHaveCount(7);
  await studio.chooseBackend('wasm');
  // UMAP chosen before the run: the worker projects every snapshot of it that way.
  await views.openAll();
  await views.panel('latent').getByRole('group', { name: 'Projection' }).getByRole('button', { name: 'UMAP' }).click();
  expect(await studio.trainToEnd(60_000)).toBe('Done');
  await expect(views.collapseWarning).toBeVisible();
  await expect(views.collapseWarning).toHaveAttribute('role', 'alert');
  await expect(views.collapseWarning).toContainText('every image maps to nearly the same point');
  await expect(views.panel('collapse')).toContainText('Collapse:');
  expect(await views.num(views.panel('collapse').locator('[data-figure="collapse"]'), 'data-value')).toBeLessThan(0.1);
  await expect(views.latentCanvas).toHaveAttribute('data-method', 'umap');
  expect(await views.num(views.latentCanvas, 'data-points')).toBe(1000);
  await page.screenshot({ path: info.outputPath('collapse-warning.png') });
});
