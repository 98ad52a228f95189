// Share links as a workshop uses them: the instructor copies a link, students
// open it in their own browsers (fresh contexts) and get exactly that graph;
// a visitor's own graph is never lost; a damaged link says so and changes
// nothing; classroom flags hide and lock what the dialog said.
import { expect, test, type Browser } from '@playwright/test';
import { StudioPage } from './pages/studio';

test.use({ viewport: { width: 1440, height: 900 } });

async function fresh(browser: Browser) {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  return { context, page, studio: new StudioPage(page) };
}

async function shareLink(studio: StudioPage, configure?: () => Promise<void>): Promise<string> {
  await studio.page.getByRole('button', { name: 'Share', exact: true }).click();
  const dialog = studio.page.getByTestId('share-dialog');
  await expect(dialog).toBeVisible();
  if (configure) {
    await dialog.getByText('Classroom: what students can see and change').click();
    await configure();
  }
  const url = await dialog.getByTestId('share-url').inputValue();
  await dialog.getByRole('button', { name: 'Close' }).click();
  return url;
}

test('a share link round-trips the exact graph into a fresh browser; the visitor keeps their own graph; a damaged link changes nothing', async ({ page, browser }) => {
  const teacher = new StudioPage(page);
  await teacher.goto();
  await teacher.openPreset('SimSiam');
  await expect(teacher.nodes).toHaveCount(9);
  // an edit of the run settings and the seed, so the link carries more than the preset
  await teacher.configureRun({ steps: 37, logEvery: 3 });
  await teacher.setField('Seed', '1234');
  await teacher.waitSaved();
  const original = await teacher.getRecord('autosave');
  const url = await shareLink(teacher);
  expect(url).toMatch(/#share=[A-Za-z0-9_-]+$/);

  // a student with nothing saved opens it: the very same graph (ids, params, positions, settings)
  const student = await fresh(browser);
  await student.page.goto(url);
  await expect(student.studio.nodes).toHaveCount(9);
  await expect(student.studio.toast).toContainText('Opened the shared graph “SimSiam”');
  await student.studio.waitSaved();
  expect(await student.studio.getRecord('autosave')).toEqual(original);
  // the hash is consumed: a reload shows the student's autosave, not the link again
  expect(new URL(student.page.url()).hash).toBe('');
  await student.context.close();

  // a visitor with their own graph: the link replaces it, Undo and Recent bring it back
  const visitor = await fresh(browser);
  await visitor.studio.goto();
  await visitor.studio.openPreset('Variational autoencoder');
  await visitor.studio.waitSaved();
  const own = await visitor.studio.getRecord('autosave');
  const ownCount = await visitor.studio.nodes.count();
  await visitor.page.goto(url);
  await expect(visitor.studio.toast).toContainText('Your own graph is kept under Recent');
  await expect(visitor.studio.nodes).toHaveCount(9);
  await visitor.studio.toast.getByRole('button', { name: 'Undo' }).click();
  await expect(visitor.studio.nodes).toHaveCount(ownCount);
  await visitor.page.getByRole('button', { name: 'Recent' }).click();
  await expect(visitor.page.getByRole('menu', { name: 'Recent graphs' }).getByRole('menuitem')).not.toHaveCount(0);
  await visitor.page.keyboard.press('Escape');

  // damaged links: cut short, one character changed, not base64 at all
  const payload = url.split('#share=')[1];
  const mid = Math.floor(payload.length / 2);
  const changed = payload.slice(0, mid) + (payload[mid] === 'A' ? 'B' : 'A') + payload.slice(mid + 1);
  for (const bad of [payload.slice(0, mid), changed, 'not*a*link']) {
    await visitor.page.goto(`${url.split('#')[0]}#share=${bad}`);
    await expect(visitor.studio.banner).toContainText('Your own graph is unchanged');
    await expect(visitor.studio.nodes).toHaveCount(ownCount);
    await visitor.studio.waitSaved();
    expect(await visitor.studio.getRecord('autosave')).toEqual(own);
  }
  await visitor.context.close();
});

test('classroom flags hide palette categories, views and controls, fix the backend and lock nodes and single parameters', async ({ page, browser }) => {
  const teacher = new StudioPage(page);
  await teacher.goto();
  await teacher.openPreset('SimSiam');
  const dialog = page.getByTestId('share-dialog');
  const url = await shareLink(teacher, async () => {
    await dialog.getByRole('group', { name: 'Hide palette categories' }).getByLabel('Losses').check();
    await dialog.getByRole('group', { name: 'Hide views' }).getByLabel('Latent space').check();
    await dialog.getByRole('group', { name: 'Hide controls' }).getByLabel('Presets menu').check();
    await dialog.getByLabel('Fixed backend').selectOption('wasm');
    await dialog.getByLabel('Lock node projector').check();
    await dialog.getByRole('button', { name: 'Parameters of encoder' }).click();
    await dialog.getByLabel('Lock Latent size of encoder').check();
  });
  // the instructor's own studio is not restricted by what the link hides
  await expect(page.getByRole('button', { name: 'Presets' })).toBeVisible();

  const s = await fresh(browser);
  await s.page.goto(url);
  await expect(s.studio.nodes).toHaveCount(9);
  const palette = s.page.getByRole('navigation', { name: 'Node palette' });
  await expect(palette.getByRole('heading', { name: 'Networks' })).toBeVisible();
  await expect(palette.getByRole('heading', { name: 'Losses' })).toHaveCount(0);
  await expect(s.page.getByRole('button', { name: 'Presets' })).toHaveCount(0);
  await expect(s.page.getByRole('group', { name: 'Views shown' }).getByRole('button', { name: 'Latent space' })).toHaveCount(0);
  await expect(s.page.getByRole('combobox', { name: 'Backend' })).toHaveValue('wasm');
  await expect(s.page.getByRole('combobox', { name: 'Backend' })).toBeDisabled();
  await s.page.getByTestId('classroom-badge').click();
  const badge = s.page.getByRole('list', { name: 'What this link locked' });
  for (const line of ['Palette without Losses', 'Views hidden: Latent space', 'Controls hidden: Presets menu', 'Backend fixed to wasm', 'Locked nodes: Projector (projector)', 'Locked parameter: Latent size of Encoder (encoder)']) await expect(badge).toContainText(line);

  // a locked parameter cannot be changed by mouse or keyboard; its neighbours can
  await s.studio.select('encoder');
  const latent = s.studio.field('Latent size');
  await expect(latent).toBeDisabled();
  await latent.click({ force: true });
  await s.page.keyboard.type('9');
  await s.page.keyboard.press('Enter');
  await expect(latent).toHaveValue('128');
  await expect(s.studio.field('Activation')).toBeEnabled();
  // a locked node: every parameter disabled, Delete does nothing
  await s.studio.select('projector');
  await expect(s.studio.field('Output size')).toBeDisabled();
  await s.page.keyboard.press('Delete');
  await expect(s.studio.nodes).toHaveCount(9);
  await s.context.close();

  // run-only: no palette, no editing at all, run settings read-only
  const runOnly = await shareLink(teacher, async () => {
    await dialog.getByLabel('Only Train / Step / Reset (no editing)').check();
  });
  const r = await fresh(browser);
  await r.page.goto(runOnly);
  await expect(r.studio.nodes).toHaveCount(9);
  await expect(r.page.getByRole('navigation', { name: 'Node palette' })).toHaveCount(0);
  await r.studio.select('predictor');
  await r.page.keyboard.press('Delete');
  await expect(r.studio.nodes).toHaveCount(9);
  await r.studio.clearSelection();
  await expect(r.studio.field('Steps')).toBeDisabled();
  await expect(r.studio.trainButton).toBeEnabled();
  // Step is one of the three run-only controls; notes are shown but not added or edited
  await expect(r.page.getByRole('button', { name: 'Step', exact: true })).toBeEnabled();
  await expect(r.page.getByRole('button', { name: '+ Note' })).toHaveCount(0);
  await r.context.close();
});
