// Node-only: reads the app's static assets (public/) from disk, for the CLI,
// tests and benchmarks. The worker fetches the same files over HTTP.
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export async function readPublicAsset(rel: string): Promise<Uint8Array> {
  const file = path.join(ROOT, 'public', rel);
  try {
    return new Uint8Array(await readFile(file));
  } catch (e) {
    throw new Error(`cannot read ${file} (${(e as Error).message}); run \`node scripts/build-mnist.mjs\` (npm install does it)`);
  }
}

export const PROJECT_ROOT = ROOT;
