// Bring your own data, as a user does it: a zip of PNGs in class folders chosen with
// the file picker imports in a worker (progress, no main-thread task of 50 ms or more),
// is listed with its class counts, replaces SimCLR's MNIST, trains on wasm and gets a
// linear probe. A flat (unlabelled) zip dropped on the canvas trains an autoencoder and
// the Evaluation view says why kNN and the probe are missing; once that dataset is
// deleted, the graph's node says it is not on this device and offers the import.
import { expect, test, type Page } from '@playwright/test';
import { pngZip } from '../engine/data/testing/fixtures';
import { StudioPage } from './pages/studio';
import { longTasksBetween, pageNow, recordLongTasks, ViewsPage, worstMainThreadTask } from './pages/views';

test.use({ viewport: { width: 1440, height: 900 } });

async function dropFile(page: Page, name: string, bytes: Uint8Array) {
  const dt = await page.evaluateHandle(
    ([n, b64]) => {
      const bin = atob(b64);
      const arr = Uint8Array.from(bin, (c) => c.charCodeAt(0));
      const d = new DataTransfer();
      d.items.add(new File([arr], n, { type: 'application/zip' }));
      return d;
    },
    [name, Buffer.from(bytes).toString('base64')] as const,
  );
  await page.locator('.react-flow__pane').dispatchEvent('drop', { dataTransfer: dt });
}

test('a zip of PNGs in class folders: import, train SimCLR on wasm, see the probe', async ({ page, browser }) => {
  test.setTimeout(180_000);
  await recordLongTasks(page);
  const studio = new StudioPage(page);
  const views = new ViewsPage(page);
  await studio.goto();
  await studio.openPreset('SimCLR');

  await page.getByTestId('data-button').click();
  const drawer = page.locator('#data-drawer');
  await expect(drawer).toContainText('No datasets yet');
  // let the preset's layout and the drawer's first paint settle: what is measured is the import
  await page.waitForTimeout(1000);
  const start = await pageNow(page);
  await browser.startTracing(page, { categories: ['toplevel'] });
  const chooser = page.waitForEvent('filechooser');
  await drawer.getByRole('button', { name: 'Import file…' }).click();
  await (await chooser).setFiles({ name: 'pets.zip', mimeType: 'application/zip', buffer: Buffer.from(pngZip({ perClass: 12 })) });
  await expect(page.getByTestId('import-outcome')).toContainText('Imported pets.zip as “pets”');
  const end = await pageNow(page);
  const worstCpu = worstMainThreadTask(await browser.stopTracing()).worstCpuMs;
  const longTasks = await longTasksBetween(page, start, end);
  console.log('import main thread:', `worst task ${worstCpu.toFixed(1)} ms of CPU; longtask entries (wall time, machine load included): ${JSON.stringify(longTasks)}`);
  expect(worstCpu, 'no main-thread task takes 50 ms of CPU while importing').toBeLessThan(50);

  const row = drawer.getByTestId('dataset');
  await expect(row).toHaveCount(1);
  await expect(row.getByTestId('dataset-facts')).toContainText('28×28 grey images · 36 images (36 train / 80/20 split by the seed)');
  await expect(row.getByTestId('dataset-classes')).toHaveText('cats 12 · dogs 12 · owls 12');
  await row.getByRole('button', { name: 'Use in graph' }).click();
  await expect(studio.toast).toContainText('The graph now trains on “pets”');
  await expect(drawer).toBeHidden();
  await expect(studio.node('data')).toContainText('Your data');
  await expect(studio.node('data')).toContainText('pets');

  await studio.configureRun({ dataNode: 'data', batch: 8, steps: 3, logEvery: 1, evalAtEnd: true });
  await studio.chooseBackend('wasm');
  await views.openAll();
  expect(await studio.trainToEnd(150_000)).toBe('Done');
  await expect(studio.backendBadge).toHaveText('wasm');
  const probe = views.panel('eval').locator('tr[data-metric="probe"]');
  await expect(probe).toHaveAttribute('data-value', /^[01](\.\d+)?$/);
  await expect(probe).toContainText(/Linear probe \(\d+ labels\/class\)\s*\d+(\.\d)?%/);
  await expect(views.panel('eval').getByTestId('eval-no-labels')).toHaveCount(0);
});

test('an unlabelled zip dropped on the canvas: the probe is explained as missing; a deleted set is flagged on the node', async ({ page }) => {
  test.setTimeout(180_000);
  const studio = new StudioPage(page);
  const views = new ViewsPage(page);
  await studio.goto();
  await studio.openPreset('Autoencoder');
  await dropFile(page, 'flat.zip', pngZip({ perClass: 8, flat: true }));
  await expect(page.getByTestId('import-outcome')).toContainText('Imported flat.zip as “flat”');
  const row = page.locator('#data-drawer').getByTestId('dataset');
  await expect(row.getByTestId('dataset-classes')).toContainText('No labels');
  await row.getByRole('button', { name: 'Use in graph' }).click();
  await expect(studio.node('data')).toContainText('flat');

  await studio.configureRun({ dataNode: 'data', batch: 8, steps: 2, logEvery: 1, latentEvery: 1, evalAtEnd: true });
  await studio.chooseBackend('wasm');
  await views.openAll();
  expect(await studio.trainToEnd(150_000)).toBe('Done');
  const ev = views.panel('eval');
  await expect(ev.getByTestId('eval-no-labels')).toContainText('this dataset has no labels, so kNN and the linear probe cannot be scored');
  await expect(ev.locator('tr[data-metric="probe"]')).toContainText('no labels');
  await expect(ev.locator('tr[data-metric="effectiveRank"]')).toHaveAttribute('data-value', /\d/);
  await expect(views.panel('latent').getByTestId('latent-unlabelled')).toBeVisible();

  // delete it: the graph still names it, and its node says so and offers the import
  await page.getByTestId('data-button').click();
  await row.getByRole('button', { name: 'Delete flat' }).click();
  await row.getByRole('button', { name: 'Delete for good?' }).click();
  await expect(page.locator('#data-drawer')).toContainText('No datasets yet');
  await page.getByTestId('data-button').click();
  await expect(studio.node('data')).toContainText('“flat” is not on this device');
  await expect(studio.trainButton).toBeDisabled();
  await studio.node('data').getByRole('button', { name: 'Import data…' }).click();
  await expect(page.locator('#data-drawer')).toBeVisible();
});
