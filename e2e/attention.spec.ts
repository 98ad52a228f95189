// The attention view for the tiny ViT preset: after a few wasm steps it shows one map
// per head over a held-out digit, follows the digit under the cursor and the chosen
// block, and its maps are painted (not blank).
import { expect, test } from '@playwright/test';
import { StudioPage } from './pages/studio';
import { ViewsPage } from './pages/views';

test.use({ viewport: { width: 1440, height: 900 } });

test('ViT + SimCLR: each head’s attention over the held-out digit under the cursor, per block', async ({ page }, info) => {
  test.setTimeout(150_000);
  const studio = new StudioPage(page);
  const views = new ViewsPage(page);
  await studio.goto();
  await studio.openPreset('ViT + SimCLR');
  await studio.configureRun({ dataNode: 'data', batch: 8, steps: 4, logEvery: 1, imageEvery: 2, latentEvery: 50, evalEvery: 0, evalAtEnd: false });
  await studio.chooseBackend('wasm');
  expect(await studio.trainToEnd(120_000)).toBe('Done');
  await views.openAll();

  const panel = views.panel('attention');
  await expect(panel).toBeVisible();
  const body = panel.locator('.attention');
  await expect(body).toHaveAttribute('data-step', '4');
  await expect(panel.getByTestId('attention-map')).toHaveCount(2);
  // the maps are drawn: a 28×28 image with more than one colour
  const colors = await panel.getByTestId('attention-map').first().evaluate((c: HTMLCanvasElement) => {
    const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
    const seen = new Set<number>();
    for (let i = 0; i < d.length; i += 4) seen.add((d[i] << 16) | (d[i + 1] << 8) | d[i + 2]);
    return { w: c.width, h: c.height, colors: seen.size };
  });
  expect(colors.w).toBe(28);
  expect(colors.colors).toBeGreaterThan(4);

  // the digit under the cursor is the one shown
  const thumbs = panel.getByRole('group', { name: 'Held-out digits (hover one)' }).getByRole('button');
  await expect(thumbs).toHaveCount(16);
  await thumbs.nth(5).hover();
  await expect(thumbs.nth(5)).toHaveAttribute('aria-pressed', 'true');
  await expect(thumbs.nth(0)).toHaveAttribute('aria-pressed', 'false');

  // one entry per block; the last is shown first
  const block = panel.getByRole('combobox', { name: 'Transformer block' });
  await expect(block.locator('option')).toHaveCount(2);
  await expect(block).toHaveValue('1');
  const before = await panel.getByTestId('attention-map').first().evaluate((c: HTMLCanvasElement) => c.toDataURL());
  await block.selectOption('0');
  await expect.poll(() => panel.getByTestId('attention-map').first().evaluate((c: HTMLCanvasElement) => c.toDataURL())).not.toBe(before);
  await panel.screenshot({ path: info.outputPath('attention.png') });
});
