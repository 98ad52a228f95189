// The studio as a new user meets it: build a denoising autoencoder from the
// palette, wire it, train it on WebGPU for a few steps, reload and find it
// again; then the ways it says no (a wrong wire, a missing input, a bad value,
// a broken file). Training on SwiftShader WebGPU is slow, so the run is tiny.
import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import { StudioPage } from './pages/studio';

test.use({ viewport: { width: 1440, height: 900 } });

test('build a denoising autoencoder from the palette, train it on WebGPU, and find it after a reload', async ({ page }) => {
  test.setTimeout(240_000);
  const studio = new StudioPage(page);
  await studio.goto();
  await expect(page.getByText('Drag nodes from the palette or open a preset')).toBeVisible();
  await expect(studio.nodes).toHaveCount(0);

  // Drag the five nodes onto the canvas (HTML5 drag and drop).
  await studio.dragFromPalette('MNIST', { x: 110, y: 140 });
  await studio.dragFromPalette('Gaussian noise', { x: 390, y: 140 });
  await studio.dragFromPalette('Encoder', { x: 670, y: 140 });
  await studio.dragFromPalette('Decoder', { x: 670, y: 430 });
  await studio.dragFromPalette('Reconstruction loss', { x: 390, y: 430 });
  await expect(studio.nodes).toHaveCount(5);
  for (const id of ['mnist-1', 'gaussian-noise-1', 'encoder-1', 'decoder-1', 'reconstruction-1']) await expect(studio.node(id)).toBeVisible();

  // Unwired nodes say what they miss, and Train is blocked.
  await expect(studio.node('decoder-1')).toHaveAttribute('data-issue', /Decoder\.in is not connected/);
  await expect(studio.node('decoder-1')).toContainText('Decoder.in is not connected');
  await expect(studio.trainButton).toBeDisabled();

  // Wire them by dragging from handle to handle.
  await studio.connect({ node: 'mnist-1', port: 'image' }, { node: 'gaussian-noise-1', port: 'in' });
  await studio.connect({ node: 'gaussian-noise-1', port: 'out' }, { node: 'encoder-1', port: 'in' });
  await studio.connect({ node: 'encoder-1', port: 'out' }, { node: 'decoder-1', port: 'in' });
  await studio.connect({ node: 'decoder-1', port: 'out' }, { node: 'reconstruction-1', port: 'prediction' });
  await studio.connect({ node: 'mnist-1', port: 'image' }, { node: 'reconstruction-1', port: 'target' });
  await expect(studio.edges).toHaveCount(5);

  // Each wire shows the inferred type it carries.
  await expect(studio.edgeLabel('e-gaussian-noise-1-in')).toHaveText('image [B, 28, 28, 1]');
  await expect(studio.edgeLabel('e-decoder-1-in')).toHaveText('latent [B, 32]');
  await expect(studio.edgeLabel('e-reconstruction-1-prediction')).toHaveText('image [B, 28, 28, 1]');
  await expect(studio.node('decoder-1')).not.toHaveAttribute('data-issue', /./);
  await expect(studio.blocked).toHaveCount(0);

  // A small, fast run: batch size on the data node, the rest in the graph's settings.
  await studio.select('mnist-1');
  await expect(page.getByRole('heading', { name: 'MNIST', exact: true })).toBeVisible();
  await studio.setField('Batch size', '16');
  await expect(studio.node('mnist-1')).toContainText('16');
  await studio.clearSelection();
  await studio.setField('Steps', '12');
  await studio.setField('Log every', '2');
  await studio.setField('Images every', '12');
  // the end-of-run linear probe takes minutes on SwiftShader; views.spec.ts covers evaluation
  await studio.field('Eval at end').setChecked(false);

  // auto would pick wasm over the software adapter here (e2e/backend.spec.ts): this run is about WebGPU
  await studio.chooseBackend('webgpu');
  await expect(studio.trainButton).toBeEnabled();
  await studio.trainButton.click();
  await expect(studio.backendBadge).toHaveText('webgpu', { timeout: 60_000 });
  await expect(studio.runState).toHaveText(/Done|Failed|Stopped/, { timeout: 180_000 });
  await expect(studio.runError).toHaveCount(0);
  await expect(studio.runState).toHaveText('Done');

  await expect.poll(async () => Number(await studio.lossChart.getAttribute('data-points'))).toBeGreaterThanOrEqual(3);
  const losses = await studio.lossValues();
  expect(losses.length).toBeGreaterThan(0);
  const recon = losses.find((l) => l.key === 'reconstruction-1');
  expect(recon, JSON.stringify(losses)).toBeTruthy();
  expect(Number.isFinite(recon!.first) && Number.isFinite(recon!.last)).toBe(true);
  expect(recon!.last, `loss went from ${recon!.first} to ${recon!.last}`).toBeLessThan(recon!.first);
  await expect(studio.lossLatest).toContainText('Reconstruction loss');
  await expect(studio.imageGrid).toHaveAttribute('data-step', /\d+/);
  await expect(studio.imageGrid.locator('canvas').first()).toBeVisible();

  // The graph survives a reload (IndexedDB autosave).
  await studio.waitSaved();
  await page.reload();
  await expect(studio.canvas).toBeVisible();
  await expect(studio.nodes).toHaveCount(5);
  await expect(studio.edges).toHaveCount(5);
  await expect(studio.edgeLabel('e-decoder-1-in')).toHaveText('latent [B, 32]');
  await expect(studio.field('Steps')).toHaveValue('12');
});

test('a preset loads from the menu, and a wrong wire is refused with the reason', async ({ page }) => {
  const studio = new StudioPage(page);
  await studio.goto();

  await studio.openPreset('Autoencoder');
  await expect(studio.nodes).toHaveCount(4);
  await expect(studio.edges).toHaveCount(4);
  await expect(page.getByTestId('graph-notes')).toContainText('bottleneck');
  await expect(studio.toast).toContainText('Autoencoder');

  // MNIST.image -> Decoder.in: a decoder takes a latent code, not an image.
  await studio.connect({ node: 'data', port: 'image' }, { node: 'decoder', port: 'in' });
  await expect(studio.toast).toContainText('Decoder · latent expects latent or vector, got image [B, 28, 28, 1]');
  await expect(studio.edges).toHaveCount(4);
  await expect(studio.edgeLabel('e-enc-dec')).toHaveText('latent [B, 128]');

  // A second preset replaces the graph; Undo brings the first back.
  await studio.openPreset('Denoising autoencoder');
  await expect(studio.nodes).toHaveCount(5);
  await studio.toast.getByRole('button', { name: 'Undo' }).click();
  await expect(studio.nodes).toHaveCount(4);

  // Export downloads the graph as a file that parses back.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export JSON' }).click()]);
  expect(download.suggestedFilename()).toBe('autoencoder.json');
  const exported = JSON.parse(await readFile(await download.path(), 'utf8'));
  expect(exported.nodes).toHaveLength(4);
  expect(exported.meta.name).toBe('Autoencoder');

  // A malformed file is refused with the schema's reasons; the canvas is untouched.
  await page.getByTestId('import-input').setInputFiles({
    name: 'broken.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify({ version: 1, nodes: [{ id: 'x' }], edges: [] })),
  });
  await expect(studio.banner).toContainText('Could not import broken.json');
  await expect(studio.banner).toContainText('node "x" type');
  await expect(studio.nodes).toHaveCount(4);
});

test('a graph with a missing input cannot train, and bad values are not applied', async ({ page }) => {
  const studio = new StudioPage(page);
  await studio.goto();
  await studio.openPreset('Autoencoder');
  await expect(studio.nodes).toHaveCount(4);
  await expect(studio.trainButton).toBeEnabled();

  // Delete the decoder with the keyboard: the loss loses its prediction.
  await studio.select('decoder');
  await page.keyboard.press('Delete');
  await expect(studio.nodes).toHaveCount(3);
  await expect(studio.node('recon')).toHaveAttribute('data-issue', /Reconstruction loss\.prediction is not connected/);
  await expect(studio.node('recon')).toContainText('Reconstruction loss.prediction is not connected');
  await expect(studio.trainButton).toBeDisabled();
  await expect(studio.blocked).toContainText('Reconstruction loss.prediction is not connected');

  // Enter on a focused palette entry adds the node at the centre of the view.
  await studio.paletteItem('Decoder').focus();
  await page.keyboard.press('Enter');
  await expect(studio.nodes).toHaveCount(4);
  await expect(studio.node('decoder-1')).toContainText('Decoder.in is not connected');
  await expect(studio.trainButton).toBeDisabled();

  // An out-of-range value shows the schema's message and is not applied.
  await studio.select('data');
  await studio.field('Batch size').fill('1');
  await expect(page.getByRole('alert').filter({ hasText: 'Batch size must be at least 2' })).toBeVisible();
  await expect(studio.node('data')).toContainText('256');
  await studio.field('Batch size').fill('64');
  await expect(studio.node('data')).toContainText('64');
});

test('locked nodes cannot be deleted or edited', async ({ page }) => {
  const studio = new StudioPage(page);
  await studio.goto();
  const graph = {
    version: 1,
    nodes: [{ id: 'data', type: 'data.mnist', typeVersion: 1, params: { batchSize: 32 }, position: { x: 0, y: 0 } }],
    edges: [],
    meta: { name: 'Workshop', locks: ['data'] },
  };
  await page.getByTestId('import-input').setInputFiles({ name: 'workshop.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(graph)) });
  await expect(studio.nodes).toHaveCount(1);
  await expect(studio.node('data').getByLabel('locked')).toBeVisible();
  await studio.select('data');
  await expect(studio.field('Batch size')).toBeDisabled();
  await page.keyboard.press('Delete');
  await expect(studio.nodes).toHaveCount(1);
  await expect(page.getByRole('button', { name: 'Delete node' })).toBeDisabled();
});

test('a broken autosave is set aside with a message, and the studio starts empty', async ({ page }) => {
  const studio = new StudioPage(page);
  await studio.goto();
  await studio.waitSaved();
  await studio.putRecord('autosave', { version: 1, nodes: 'not a list', edges: [] });
  await page.reload();
  await expect(studio.banner).toContainText('could not be opened');
  await expect(studio.banner).toContainText('nodes');
  await expect(studio.nodes).toHaveCount(0);
  await expect(page.getByText('Drag nodes from the palette or open a preset')).toBeVisible();
  const kept = await studio.getRecord('autosave-broken');
  expect(kept).toEqual({ version: 1, nodes: 'not a list', edges: [] });
});
