import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { PALETTE_SIZE, classVar, parseColor, runVar, withAlpha } from './theme';

const APP = join(import.meta.dirname, '..');
const TOKENS = join(APP, 'styles', 'tokens.css');

function files(dir: string, out: string[] = []): string[] {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) files(p, out);
    else if (/\.(css|tsx?)$/.test(e.name) && !e.name.endsWith('.test.ts')) out.push(p);
  }
  return out;
}

// A colour written as #hex, rgb()/rgba() or hsl()/hsla() with literal numbers, or a named colour in a CSS value.
const LITERAL = /#[0-9a-f]{3,8}\b|\b(rgba?|hsla?)\(\s*\d|:\s*(white|black|red|green|blue|gray|grey)\s*;/i;

test('no colour literal outside the tokens file: themes only have to change tokens.css', () => {
  const offenders: string[] = [];
  for (const f of files(APP)) {
    if (f === TOKENS) continue;
    readFileSync(f, 'utf8')
      .split('\n')
      .forEach((line, i) => {
        if (LITERAL.test(line)) offenders.push(`${f.slice(APP.length + 1)}:${i + 1}: ${line.trim()}`);
      });
  }
  assert.deepEqual(offenders, []);
});

/** The declarations of the first block that `head` opens. */
function block(css: string, head: string): Map<string, string> {
  const start = css.indexOf(head);
  assert.ok(start >= 0, `${head} is in tokens.css`);
  const body = css.slice(css.indexOf('{', start) + 1, css.indexOf('}', start));
  return new Map([...body.matchAll(/(--[\w-]+|color-scheme)\s*:\s*([^;]+);/g)].map((m) => [m[1], m[2].trim()]));
}

test('tokens: the light and dark sets name the same tokens, and the system-preference dark set equals the explicit one', () => {
  const css = readFileSync(TOKENS, 'utf8');
  const light = block(css, ':root {\n  color-scheme: light');
  const dark = block(css, ":root[data-theme='dark']");
  const system = block(css, ':root:not([data-theme])');
  assert.deepEqual([...dark.keys()].sort(), [...light.keys()].sort());
  assert.deepEqual([...system.entries()], [...dark.entries()]);
  for (const [prefix, n] of Object.entries(PALETTE_SIZE)) {
    if (prefix === 'run') continue;
    for (let i = 0; i < n; i++) assert.ok(dark.has(`--${prefix}-${i}`), `--${prefix}-${i}`);
  }
});

test('palette references wrap around; runs use the series colours', () => {
  assert.equal(classVar(0), 'var(--class-0)');
  assert.equal(classVar(13), 'var(--class-3)');
  assert.equal(runVar(5), 'var(--series-1)');
});

test('colours parse and fade', () => {
  assert.deepEqual(parseColor('#fbbf24'), [251, 191, 36, 1]);
  assert.deepEqual(parseColor('#fff'), [255, 255, 255, 1]);
  assert.deepEqual(parseColor('rgba(8, 11, 18, 0.65)'), [8, 11, 18, 0.65]);
  assert.equal(withAlpha('#94a3b8', 0.25), 'rgba(148, 163, 184, 0.25)');
  assert.equal(withAlpha('rgba(8, 11, 18, 0.5)', 0.5), 'rgba(8, 11, 18, 0.25)');
});
