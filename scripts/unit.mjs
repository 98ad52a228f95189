#!/usr/bin/env node
// Runs every *.test.ts under engine/ nodes/ workers/ scripts/ bench/ with Node's test
// runner through tsx. Node 20 does not expand globs for --test, so the file list is explicit.
//
//   node scripts/unit.mjs                     all unit tests
//   node scripts/unit.mjs mnist registry      only files whose path contains "mnist" or "registry"
//   node scripts/unit.mjs --test-reporter=spec --test-only    extra flags go to node
import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join, relative, resolve, dirname, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const DIRS = ['engine', 'nodes', 'workers', 'scripts', 'bench', 'app'];
const SKIP = new Set(['node_modules', 'e2e', '.next', 'test-results', 'out']);

function walk(dir, out) {
  for (const ent of readdirSync(dir, { withFileTypes: true })) {
    if (ent.name.startsWith('.') || SKIP.has(ent.name)) continue;
    const p = join(dir, ent.name);
    if (ent.isDirectory()) walk(p, out);
    else if (ent.isFile() && ent.name.endsWith('.test.ts')) out.push(p);
  }
  return out;
}

const args = process.argv.slice(2);
const nodeFlags = args.filter((a) => a.startsWith('-'));
const filters = args.filter((a) => !a.startsWith('-'));

let files = [];
for (const d of DIRS) {
  const abs = join(root, d);
  if (existsSync(abs)) walk(abs, files);
}
files = files.map((f) => relative(root, f).split(sep).join('/')).sort();
if (filters.length) files = files.filter((f) => filters.some((s) => f.includes(s)));

if (files.length === 0) {
  console.log(`unit: no *.test.ts files found under ${DIRS.join(', ')}${filters.length ? ` matching ${filters.join(', ')}` : ''}`);
  process.exit(filters.length ? 1 : 0);
}

console.log(`unit: ${files.length} test file(s)`);
const child = spawn(process.execPath, ['--import', 'tsx', '--test', ...nodeFlags, ...files], {
  cwd: root,
  stdio: 'inherit',
});
for (const sig of ['SIGINT', 'SIGTERM']) {
  process.on(sig, () => child.kill(sig));
}
child.on('exit', (code, signal) => {
  if (signal) {
    console.error(`unit: test runner killed by ${signal}`);
    process.exit(1);
  }
  process.exit(code ?? 1);
});
