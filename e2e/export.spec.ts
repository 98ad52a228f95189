// Export to PyTorch from the app: after a short run the dialog offers that run's
// weights, the download is a zip of the project with weights.npz, and that file
// imported back shows the model in the views; a graph that cannot be exported
// says why and offers no download.
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { unzipSync } from 'fflate';
import { StudioPage } from './pages/studio';

test('export a trained SimCLR graph with its weights, then import the weights back', async ({ page }) => {
  test.setTimeout(150_000);
  const studio = new StudioPage(page);
  await studio.goto();
  await studio.openPreset('SimCLR');
  await studio.configureRun({ dataNode: 'data', batch: 16, steps: 2, evalAtEnd: false });
  await studio.chooseBackend('wasm');
  await studio.trainToEnd();

  await page.getByTestId('torch-export-open').click();
  const dialog = page.getByTestId('torch-export');
  const weights = dialog.getByRole('checkbox', { name: 'Start from the weights of the last run (step 2)' });
  await expect(weights).toBeChecked();
  const [download] = await Promise.all([page.waitForEvent('download'), dialog.getByTestId('torch-export-download').click()]);
  expect(download.suggestedFilename()).toBe('simclr-pytorch.zip');
  const files = unzipSync(new Uint8Array(readFileSync(await download.path())));
  for (const f of ['model.py', 'losses.py', 'augment.py', 'data.py', 'train.py', 'README.md', 'data/dataset.npz', 'weights.npz']) expect(Object.keys(files)).toContain(`simclr/${f}`);
  expect(new TextDecoder().decode(files['simclr/model.py'])).toContain('class StudioGraph(nn.Module)');
  await expect(dialog).toBeHidden();
  await expect(studio.toast).toContainText('with the weights of step 2');
  await expect(page.getByTestId('step')).toHaveText('step 2 / 2');

  await page.getByTestId('torch-export-open').click();
  await page.getByTestId('torch-import-input').setInputFiles({ name: 'weights.npz', mimeType: 'application/octet-stream', buffer: Buffer.from(files['simclr/weights.npz']) });
  await expect(studio.toast).toContainText(/Imported \d+ tensors from weights\.npz/);
  // a 0-step run from the imported tensors: the views show that model
  await expect(page.getByTestId('step')).toHaveText('step 0', { timeout: 60_000 });
  await expect(studio.runState).toHaveText(/Done/, { timeout: 60_000 });
});

test('a graph that cannot be exported says why and offers no download', async ({ page }) => {
  const studio = new StudioPage(page);
  await studio.goto();
  await page.getByTestId('torch-export-open').click();
  const dialog = page.getByTestId('torch-export');
  await expect(dialog.getByTestId('torch-export-issues')).toContainText('the canvas is empty');
  await expect(dialog.getByTestId('torch-export-download')).toBeDisabled();
  await expect(dialog.getByRole('checkbox')).toBeDisabled();
});
