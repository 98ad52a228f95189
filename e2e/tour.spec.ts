// Lecture tours: SimSiam's tour steps to its end highlighting its nodes, and
// its "try this" (remove the stop-gradient) applies and can be undone; Learn
// shows a node's formula; an instructor writes a tour for a graph that has none.
import { expect, test } from '@playwright/test';
import { StudioPage } from './pages/studio';

test.use({ viewport: { width: 1440, height: 900 } });

test("a preset's tour steps to its end and its try-this change applies; Learn shows the formula; an instructor writes a tour", async ({ page }) => {
  const studio = new StudioPage(page);
  await studio.goto();
  await studio.openPreset('SimSiam');
  await expect(studio.nodes).toHaveCount(9);

  await page.getByRole('button', { name: 'Tour', exact: true }).click();
  const tour = page.getByTestId('tour');
  await expect(tour.getByTestId('tour-step')).toHaveText('Step 1 of 5');
  // step 1 is about the two views through one network: those nodes are outlined, the loss is not
  await expect(studio.node('encoder')).toHaveCSS('outline-style', 'solid');
  await expect(studio.node('simsiam')).toHaveCSS('outline-style', 'none');
  for (let k = 2; k <= 5; k++) {
    await tour.getByRole('button', { name: 'Next' }).click();
    await expect(tour.getByTestId('tour-step')).toHaveText(`Step ${k} of 5`);
    if (k === 3) {
      await expect(tour.getByRole('heading', { name: 'Stop-gradient' })).toBeVisible();
      await expect(studio.node('sg')).toHaveCSS('outline-style', 'solid');
    }
  }
  await expect(tour.getByRole('button', { name: 'Next' })).toHaveCount(0);
  await tour.getByRole('button', { name: 'Remove the stop-gradient' }).click();
  await expect(studio.nodes).toHaveCount(8);
  await expect(studio.node('sg')).toHaveCount(0);
  await expect(studio.edgeLabel('e-simsiam-z')).toBeVisible();
  await studio.waitSaved();
  const applied = (await studio.getRecord('autosave')) as { edges: { to: { node: string; port: string }; from: { node: string } }[] };
  expect(applied.edges.find((e) => e.to.node === 'simsiam' && e.to.port === 'z')?.from.node).toBe('projector');
  await studio.toast.getByRole('button', { name: 'Undo' }).click();
  await expect(studio.nodes).toHaveCount(9);
  await tour.getByRole('button', { name: 'Close the tour' }).click();

  // Learn: the node's documentation with its formula
  await studio.select('simsiam');
  await page.getByRole('button', { name: 'Learn about Negative cosine (BYOL / SimSiam)' }).click();
  await expect(page.getByTestId('learn-formula')).toContainText('cos(p₁, sg z₂)');
  await page.getByTestId('learn-dialog').getByRole('button', { name: 'Close' }).click();

  // an instructor's own tour, attached to the selected node, saved in the graph
  await studio.openPreset('I-JEPA');
  // select first: the tour card floats over the canvas
  await studio.select('predictor');
  await page.getByRole('button', { name: 'Write tour' }).click();
  await tour.getByLabel('Step 1 title').fill('The predictor');
  await tour.getByLabel('Step 1 text').fill('It predicts the hidden blocks in representation space, not in pixels.');
  await tour.getByRole('button', { name: 'Attach selection' }).click();
  await expect(tour.getByText('predictor', { exact: true })).toBeVisible();
  await tour.getByRole('button', { name: 'Save tour' }).click();
  await expect(tour.getByTestId('tour-step')).toHaveText('Step 1 of 1');
  await expect(studio.node('predictor')).toHaveCSS('outline-style', 'solid');
  await studio.waitSaved();
  const saved = (await studio.getRecord('autosave')) as { meta: { tour: { steps: { title: string; nodes: string[] }[] } } };
  expect(saved.meta.tour.steps).toEqual([expect.objectContaining({ title: 'The predictor', nodes: ['predictor'] })]);
});
