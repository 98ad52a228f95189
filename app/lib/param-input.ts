// Text <-> value for the inspector's fields, and the check that decides
// whether a typed value is applied. Validation goes through the same zod
// schema that loads saved graphs (parseParams), so the inspector can never
// accept a value the engine would later reject.
import { parseParams, type ParamDef } from '../../engine/params';

export type Parsed = { ok: true; value: unknown } | { ok: false; error: string };

export function formatParam(def: ParamDef, value: unknown): string {
  if (def.kind === 'intList' || def.kind === 'nodes') return Array.isArray(value) ? value.join(', ') : '';
  if (value === undefined || value === null) return '';
  if (def.kind === 'dataset') return (value as { name: string }).name;
  return String(value);
}

/** Shown next to the label: the default and the allowed range. */
export function describeRange(def: ParamDef): string {
  switch (def.kind) {
    case 'number':
      return `default ${fmt(def.default)} · ${fmt(def.min)} – ${fmt(def.max)}${def.log ? ' (log)' : ''}`;
    case 'intList':
      return `default ${def.default.length ? def.default.join(', ') : '(none)'} · ${def.minItems}–${def.maxItems} entries of ${fmt(def.min)} – ${fmt(def.max)}`;
    case 'choice':
      return `default ${def.default}`;
    case 'boolean':
      return `default ${def.default ? 'on' : 'off'}`;
    case 'nodes':
      return `up to ${def.maxItems} ${def.categories.join(' / ')} node${def.maxItems === 1 ? '' : 's'}`;
    case 'dataset':
      return 'imported on this device';
  }
}

export function fmt(n: number): string {
  if (Number.isInteger(n) && Math.abs(n) >= 10_000) return n.toLocaleString('en-US');
  if (n !== 0 && (Math.abs(n) < 1e-3 || Math.abs(n) >= 1e6)) return n.toExponential().replace('e+', 'e');
  return String(n);
}

/** Reads what the user typed; a value of the right kind still has to pass `checkParam`. */
export function readParam(def: ParamDef, text: string): Parsed {
  switch (def.kind) {
    case 'number': {
      const t = text.trim();
      if (t === '') return { ok: false, error: `${def.label} must be a number` };
      const v = Number(t);
      return Number.isFinite(v) ? { ok: true, value: v } : { ok: false, error: `${def.label} must be a number` };
    }
    case 'intList': {
      const parts = text.split(/[\s,]+/).filter((s) => s !== '');
      const out: number[] = [];
      for (const p of parts) {
        const v = Number(p);
        if (!Number.isFinite(v)) return { ok: false, error: `${def.label}: "${p}" is not a number` };
        out.push(v);
      }
      return { ok: true, value: out };
    }
    case 'choice':
      return { ok: true, value: text };
    case 'boolean':
      return { ok: true, value: text === 'true' };
    case 'nodes':
      return { ok: true, value: text.split(/[\s,]+/).filter((x) => x !== '') };
    case 'dataset':
      return { ok: false, error: `${def.label}: choose an imported dataset` };
  }
}

/** null when `value` is acceptable for this one parameter, else the schema's message. */
export function checkParam(key: string, def: ParamDef, value: unknown): string | null {
  const r = parseParams({ [key]: def }, { [key]: value });
  return r.ok ? null : r.errors.join('; ');
}
