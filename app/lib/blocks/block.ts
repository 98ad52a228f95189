// A reusable block: a named fragment (nodes + the wires between them) that is
// inserted expanded, like a paste. The file form (`.block.json`) is what
// Export writes and Import reads; zod checks it like any untrusted input.
import { z } from 'zod';
import { FragmentSchema, extractFragment, parseFragment, type Fragment } from '../fragment';
import type { Graph } from '../../../engine/graph';

export const BLOCK_KIND = 'latent-studio/block';

export interface Block {
  /** "builtin:…" for the shipped ones, "my:…" for saved ones. */
  id: string;
  name: string;
  description: string;
  builtIn: boolean;
  fragment: Fragment;
  savedAt?: number;
}

export const BlockFileSchema = z.strictObject({
  kind: z.literal(BLOCK_KIND),
  version: z.literal(1),
  name: z.string().trim().min(1, 'the block needs a name').max(80),
  description: z.string().max(2000).default(''),
  fragment: FragmentSchema,
});
export type BlockFile = z.infer<typeof BlockFileSchema>;

/** A block from the selected nodes, or the reason there is none. */
export function blockFromSelection(graph: Graph, nodeIds: readonly string[], name: string, description: string, now = Date.now()): Block | { problem: string } {
  const fragment = extractFragment(graph, nodeIds);
  if (!fragment) return { problem: 'Select the nodes the block should hold first.' };
  const clean = name.trim();
  if (!clean) return { problem: 'Give the block a name.' };
  if (clean.length > 80) return { problem: 'A block name has at most 80 characters.' };
  return { id: `my:${now.toString(36)}-${Math.random().toString(36).slice(2, 8)}`, name: clean, description: description.trim(), builtIn: false, fragment, savedAt: now };
}

export function blockFile(b: Block): BlockFile {
  return { kind: BLOCK_KIND, version: 1, name: b.name, description: b.description, fragment: b.fragment };
}

/** Reads an exported block file; the fragment inside gets the same checks as a paste. */
export function parseBlockFile(text: string, now = Date.now()): { ok: true; block: Block } | { ok: false; reason: string } {
  let raw: unknown;
  try {
    raw = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    return { ok: false, reason: 'This file is not JSON, so it is not a block file.' };
  }
  if (!raw || typeof raw !== 'object' || (raw as { kind?: unknown }).kind !== BLOCK_KIND) return { ok: false, reason: 'This JSON is not a Latent Studio block file (it has no "kind": "latent-studio/block").' };
  const r = BlockFileSchema.safeParse(raw);
  if (!r.success) {
    const i = r.error.issues[0];
    return { ok: false, reason: `The block file is damaged (${i.path.join('.') || 'block'}: ${i.message}).` };
  }
  const f = parseFragment(r.data.fragment);
  if (!f.ok) return { ok: false, reason: f.reason.replace('The clipboard does not hold', 'The file does not hold').replace('nothing was pasted', 'nothing was imported') };
  return { ok: true, block: { id: `my:${now.toString(36)}-${Math.random().toString(36).slice(2, 8)}`, name: r.data.name, description: r.data.description, builtIn: false, fragment: f.fragment, savedAt: now } };
}
