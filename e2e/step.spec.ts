// Step mode: Step trains exactly one step and pauses; the inspector shows that
// step's output statistics and each weight tensor's gradient norm; hovering a
// wire shows its tensor's statistics; a parameter changed between steps applies
// at the next one; Step ×N takes N steps.
import { expect, test } from '@playwright/test';
import { StudioPage } from './pages/studio';

test.use({ viewport: { width: 1440, height: 900 } });

test('Step advances exactly one step and shows gradient norms; an edit between steps applies at the next', async ({ page }) => {
  const studio = new StudioPage(page);
  await studio.goto();
  await studio.openPreset('Autoencoder');
  // no evaluation at the end: Stop then ends the run at once
  await studio.configureRun({ dataNode: 'data', batch: 32, steps: 200, logEvery: 50, imageEvery: 100, evalAtEnd: false });
  await studio.chooseBackend('wasm');
  const stepButton = page.getByRole('button', { name: 'Step', exact: true });
  await stepButton.click();
  await expect(studio.runState).toHaveText('Paused', { timeout: 120_000 });
  await expect(page.getByTestId('step')).toHaveText('step 1 / 200');

  await studio.select('encoder');
  const stats = page.getByTestId('step-stats');
  await expect(stats).toHaveAttribute('data-step', '1');
  const norms = stats.getByTestId('grad-norms').locator('tbody tr');
  expect(await norms.count()).toBeGreaterThanOrEqual(2);
  const values = await norms.locator('td:last-child').allTextContents();
  expect(values.every((v) => Number(v) > 0), values.join()).toBe(true);
  await expect(stats.locator('tr[data-port="out"]')).toBeVisible();

  // hovering the encoder → decoder wire shows that tensor's statistics for the step
  const label = await studio.edgeLabel('e-enc-dec').boundingBox();
  await page.mouse.move(label!.x + label!.width / 2, label!.y + label!.height / 2);
  await expect(page.getByTestId('wire-stats')).toContainText('encoder.out');
  await expect(page.getByTestId('wire-stats')).toContainText('step 1, training batch');
  await page.mouse.move(5, 5);

  // a parameter changed while paused applies from the next step
  await studio.select('recon');
  await studio.setField('Weight', '0');
  await stepButton.click();
  await expect(page.getByTestId('step')).toHaveText('step 2 / 200');
  await expect(page.getByTestId('live-note')).toHaveText('From step 2: recon.weight 1 → 0');
  await studio.select('encoder');
  await expect(stats).toHaveAttribute('data-step', '2');
  expect((await norms.locator('td:last-child').allTextContents()).every((v) => Number(v) === 0)).toBe(true);

  await page.getByLabel('Steps per Step ×N').fill('3');
  await page.getByRole('button', { name: 'Step ×3' }).click();
  await expect(page.getByTestId('step')).toHaveText('step 5 / 200');
  await expect(studio.runState).toHaveText('Paused');
  await expect(stats).toHaveAttribute('data-step', '5');
  await page.getByRole('button', { name: 'Stop', exact: true }).click();
  await expect(studio.runState).toHaveText('Stopped');
});
