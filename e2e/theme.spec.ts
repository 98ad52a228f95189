// Light and dark: the studio follows the OS until the toggle picks one, the
// choice survives a reload without a flash of the other theme, the canvas and
// its views follow, and both themes pass axe's colour-contrast check.
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { EditorPage } from './pages/editor';

test.use({ viewport: { width: 1440, height: 900 } });

async function contrast(page: Page) {
  const { violations } = await new AxeBuilder({ page }).withRules(['color-contrast']).analyze();
  return violations.flatMap((v) => v.nodes.slice(0, 8).map((n) => `${n.target.join(' ')}: ${n.failureSummary?.split('\n').slice(-1)[0] ?? ''}`));
}

const bg = (page: Page) => page.evaluate(() => getComputedStyle(document.body).backgroundColor);

test('dark follows the OS, passes the contrast check; the toggle picks light, which survives a reload without a flash', async ({ page }, info) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  // what <html> says before any app script runs: the theme the first paint uses
  await page.addInitScript(() => {
    document.addEventListener('readystatechange', () => {
      if (document.readyState === 'interactive') (window as unknown as { firstTheme: string | null }).firstTheme = document.documentElement.getAttribute('data-theme');
    });
  });
  const ed = new EditorPage(page);
  await ed.goto();
  await ed.openPreset('BYOL');
  await ed.select('encoder');
  await expect(page.locator('html')).not.toHaveAttribute('data-theme');
  const darkBg = await bg(page);
  await expect(ed.canvas).toHaveClass(/\bdark\b/);
  await page.waitForTimeout(300);
  await info.attach('studio-dark.png', { body: await page.screenshot(), contentType: 'image/png' });
  expect(await contrast(page)).toEqual([]);

  const toggle = page.getByTestId('theme-toggle');
  await expect(toggle).toHaveText('System');
  await toggle.click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  await expect(ed.canvas).toHaveClass(/\blight\b/);
  expect(await bg(page)).not.toBe(darkBg);
  await info.attach('studio-light.png', { body: await page.screenshot(), contentType: 'image/png' });
  expect(await contrast(page)).toEqual([]);

  await page.reload();
  await expect(ed.canvas).toBeVisible();
  expect(await page.evaluate(() => (window as unknown as { firstTheme: string | null }).firstTheme)).toBe('light');
  await expect(toggle).toHaveText('Light');
  // Light → Dark → System: the attribute goes and the OS decides again
  await toggle.click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await toggle.click();
  await expect(page.locator('html')).not.toHaveAttribute('data-theme');
  expect(await bg(page)).toBe(darkBg);
});

test('light from the OS passes the contrast check too, with the Runs drawer open', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'light' });
  const ed = new EditorPage(page);
  await ed.goto();
  await ed.openPreset('VICReg');
  await page.getByRole('button', { name: 'Training views' }).click();
  await expect(ed.canvas).toHaveClass(/\blight\b/);
  expect(await contrast(page)).toEqual([]);
  await page.getByTestId('runs-button').click();
  expect(await contrast(page)).toEqual([]);
});
