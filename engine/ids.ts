// The one id rule for nodes, edges, ports and annotations (see graph.ts for why).
import { z } from 'zod';

/**
 * Node, edge and port ids: letters, digits, `_` and `-`, 1–80 characters, not
 * a built-in JavaScript property name (`__proto__`, `constructor`, ...). Ids
 * key metrics (`losses["recon/kl"]`, `projector.out`), so `/`, `.`, `:` and
 * prototype names are refused rather than silently colliding.
 */
export const ID_PATTERN = /^[A-Za-z0-9_][A-Za-z0-9_-]{0,79}$/;
export const RESERVED_IDS = new Set(Object.getOwnPropertyNames(Object.prototype));

export function isValidId(s: string): boolean {
  return ID_PATTERN.test(s) && !RESERVED_IDS.has(s);
}

export const idSchema = z
  .string()
  .min(1, 'ids must not be empty')
  .max(80, 'ids must be at most 80 characters')
  .refine((s) => isValidId(s), { message: 'ids may only use letters, digits, _ and - (and not a JavaScript property name such as __proto__)' });
