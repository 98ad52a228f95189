// Chart details a new user tripped on: step ticks are whole numbers, y-axis
// labels of large values fit their axis (no "00,000"), K-means' evaluation
// speaks of samples (its data are 2-D points, not digits), and the table and the
// collapse view say which tensor their effective rank measures.
import { expect, test } from '@playwright/test';
import { StudioPage } from './pages/studio';
import { ViewsPage } from './pages/views';

test.use({ viewport: { width: 1440, height: 900 } });

test('K-means run: whole step ticks, y labels inside their axis, evaluation worded for points', async ({ page }) => {
  test.setTimeout(150_000);
  const studio = new StudioPage(page);
  const views = new ViewsPage(page);
  await studio.goto();
  await studio.openPreset('K-means');
  await studio.configureRun({ steps: 7, logEvery: 1, evalEvery: 0, evalAtEnd: true });
  await studio.chooseBackend('wasm');
  await views.openAll();
  expect(await studio.trainToEnd()).toBe('Done');

  const plot = page.getByTestId('loss-chart').locator('.loss-chart__plot');
  await expect(plot).toHaveAttribute('data-x-ticks', /\d/);
  const xTicks = (await plot.getAttribute('data-x-ticks'))!.split('|').filter(Boolean);
  expect(xTicks.length).toBeGreaterThan(1);
  for (const t of xTicks) expect(Number.isInteger(Number(t.replace(/,/g, ''))), `tick ${t}`).toBe(true);
  const label = Number(await plot.getAttribute('data-y-label-width'));
  const axis = Number(await plot.getAttribute('data-y-axis-width'));
  expect(label).toBeGreaterThan(0);
  expect(label, `y labels ${await plot.getAttribute('data-y-ticks')}`).toBeLessThan(axis);

  // the chart is rebuilt from the other theme's tokens when the theme changes
  await expect(plot).toHaveAttribute('data-theme', 'light');
  const axisColor = () => plot.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue('--chart-axis').trim());
  const lightAxis = await axisColor();
  await page.getByTestId('theme-toggle').click(); // System (light here) → Light
  await page.getByTestId('theme-toggle').click(); // → Dark
  await expect(plot).toHaveAttribute('data-theme', 'dark');
  expect(await axisColor()).not.toBe(lightAxis);

  const evalPanel = views.panel('eval');
  await expect(evalPanel).toContainText('held-out samples');
  await expect(evalPanel).not.toContainText('digits');
});
