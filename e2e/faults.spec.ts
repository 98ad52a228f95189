import { expect, test, type Page, type Worker } from '@playwright/test';
import { RunsPage } from './pages/runs';
import { StudioPage } from './pages/studio';

// Faults a run must survive: its worker dying without a word, the GPU device lost,
// two tabs training at once and one of them closed mid-run. Each ends with a
// message, the graph and the recorded steps kept, and Train working again.

test.setTimeout(300_000);

/**
 * The training worker (the import worker, when there is one, answers false). tfjs's wasm
 * pthreads are workers too, loaded from blob: URLs; a running one sits in Atomics.wait and
 * never answers an evaluate, so they are skipped.
 */
async function trainerWorker(page: Page): Promise<Worker> {
  let found: Worker | undefined;
  await expect
    .poll(async () => {
      for (const w of page.workers()) {
        if (w.url().startsWith('blob:')) continue;
        if (await w.evaluate(() => typeof (self as unknown as { __trainerWorker?: boolean }).__trainerWorker === 'boolean').catch(() => false)) found = w;
      }
      return !!found;
    })
    .toBe(true);
  return found!;
}

/** A small AE run that lasts long enough to be cut: batch 32, many steps, no end-of-run probe. */
async function longAe(studio: StudioPage, backend: 'wasm' | 'webgpu') {
  await studio.goto();
  await studio.openPreset('Autoencoder');
  // SwiftShader's WebGPU is slow: smaller batches, every step logged
  const gpu = backend === 'webgpu';
  await studio.configureRun({ dataNode: 'data', batch: gpu ? 8 : 32, steps: 5000, logEvery: gpu ? 1 : 5, imageEvery: 1000, evalAtEnd: false });
  await studio.chooseBackend(backend);
}

const points = (studio: StudioPage) => async () => Number(await studio.lossChart.getAttribute('data-points'));

test('the training worker dying mid-run: the run fails with a message, the graph and its recorded steps stay, Train works again', async ({ page }) => {
  const studio = new StudioPage(page);
  await longAe(studio, 'wasm');
  const nodes = await studio.nodes.count();
  await studio.trainButton.click();
  await expect.poll(points(studio), { timeout: 120_000 }).toBeGreaterThanOrEqual(3);

  // no error event reaches the page when a worker is closed (or killed for memory)
  await (await trainerWorker(page)).evaluate(() => self.close());
  await expect(studio.runState).toHaveText('Failed', { timeout: 30_000 });
  await expect(studio.runError).toContainText('the training worker stopped unexpectedly');
  await expect(studio.nodes).toHaveCount(nodes);
  expect(await points(studio)()).toBeGreaterThanOrEqual(3);

  const runs = new RunsPage(page);
  await runs.open();
  await expect(runs.rows.first()).toHaveAttribute('data-status', 'failed');
  await expect(runs.rows.first()).toContainText(/[1-9]\d*\/5000 steps/);
  await runs.close();

  await expect(studio.trainButton).toBeEnabled();
  await studio.trainButton.click();
  await expect(studio.runState).toHaveText('Training');
  await expect.poll(points(studio), { timeout: 120_000 }).toBeGreaterThanOrEqual(2);
  await page.getByRole('button', { name: 'Stop', exact: true }).click();
  await expect(studio.runState).toHaveText('Stopped', { timeout: 30_000 });
});

test('the GPU device lost mid-run: the run stops with the reason, and the next one runs on another backend', async ({ page }) => {
  test.setTimeout(480_000);
  const studio = new StudioPage(page);
  await longAe(studio, 'webgpu');
  await studio.trainButton.click();
  await expect(studio.backendBadge).toHaveText('webgpu', { timeout: 60_000 });
  await expect.poll(points(studio), { timeout: 180_000 }).toBeGreaterThanOrEqual(2);

  await (await trainerWorker(page)).evaluate(() => (self as unknown as { __loseGpuDevice: () => void }).__loseGpuDevice());
  await expect(studio.runState).toHaveText('Failed', { timeout: 30_000 });
  await expect(studio.runError).toContainText('the GPU device was lost');

  await studio.trainButton.click();
  await expect(studio.backendBadge).toHaveText(/webgl|wasm|cpu/, { timeout: 60_000 });
  await expect.poll(points(studio), { timeout: 120_000 }).toBeGreaterThanOrEqual(2);
  await page.getByRole('button', { name: 'Stop', exact: true }).click();
  await expect(studio.runState).toHaveText('Stopped', { timeout: 30_000 });
});

test('two tabs train at once; closing one mid-run leaves its record interrupted, the other tab untouched', async ({ context }) => {
  const pageA = await context.newPage();
  const pageB = await context.newPage();
  const a = new StudioPage(pageA);
  const b = new StudioPage(pageB);
  await longAe(a, 'wasm');
  await longAe(b, 'wasm');
  await a.trainButton.click();
  await b.trainButton.click();
  await expect.poll(points(a), { timeout: 120_000 }).toBeGreaterThanOrEqual(3);
  await expect.poll(points(b), { timeout: 120_000 }).toBeGreaterThanOrEqual(3);

  // B's tab closes while both train; A keeps training, and after a reload B's run is interrupted
  await pageB.close();
  const before = await points(a)();
  await expect.poll(points(a), { timeout: 60_000 }).toBeGreaterThan(before);
  await expect(a.runState).toHaveText('Training');
  await pageA.getByRole('button', { name: 'Stop', exact: true }).click();
  await expect(a.runState).toHaveText('Stopped', { timeout: 30_000 });

  await pageA.reload();
  const runs = new RunsPage(pageA);
  await runs.open();
  await expect(runs.rows).toHaveCount(2);
  await expect(runs.panel.locator('[data-testid="run-row"][data-status="interrupted"]')).toHaveCount(1);
  await expect(runs.panel.locator('[data-testid="run-row"][data-status="stopped"]')).toHaveCount(1);
});
