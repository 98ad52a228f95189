// A share link: the whole graph (run settings, seed, classroom flags, tour and
// annotations live in its meta) plus the chosen views, as JSON, zlib-compressed
// with fflate and base64url-encoded into the URL hash (`#share=...`). The hash
// never reaches a server, so a link works from a static host or a USB stick.
// Decoding is for untrusted input: every failure is a message, never a throw,
// and the graph goes through parseGraph (so older graph versions migrate).
import { Unzlib, strFromU8, strToU8, zlibSync } from 'fflate';
import { z } from 'zod';
import { parseGraph, type Graph } from '../../../engine/graph';
import { BACKEND_IDS, VIEW_IDS } from '../../../engine/teach';
import { adler32 } from './checksum';

/** 1: { v, graph, views, backend }. Bump with a migration below when the envelope changes. */
export const LINK_VERSION = 1;
export const HASH_KEY = 'share';
/**
 * Chat apps, LMS editors and mail clients cut long URLs; 30,000 characters
 * fits every preset many times over and is still pasted whole by all of them.
 */
export const MAX_LINK_CHARS = 30_000;
/** A decompression bomb is refused long before it fills memory. */
const MAX_JSON_BYTES = 4 * 1024 * 1024;

const ViewsSchema = z.strictObject({
  hidden: z.array(z.enum(VIEW_IDS)).max(VIEW_IDS.length).default([]),
  projection: z.enum(['pca', 'umap']).default('pca'),
});
export type LinkViews = z.infer<typeof ViewsSchema>;
export const isViewIds = (v: unknown): v is LinkViews['hidden'] => Array.isArray(v) && v.every((x) => (VIEW_IDS as readonly unknown[]).includes(x));

const EnvelopeSchema = z.strictObject({
  v: z.literal(LINK_VERSION),
  graph: z.unknown(),
  views: ViewsSchema.default(ViewsSchema.parse({})),
  backend: z.enum(BACKEND_IDS).nullable().default(null),
});

export interface SharePayload {
  graph: Graph;
  views: LinkViews;
  backend: (typeof BACKEND_IDS)[number] | null;
}

/** link version N -> N + 1, applied in order to older links. */
const migrations: Record<number, (e: Record<string, unknown>) => Record<string, unknown>> = {};

export type LinkDecode = { ok: true; payload: SharePayload; renamed: number } | { ok: false; title: string; lines: string[] };

function toBase64Url(bytes: Uint8Array): string {
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(s: string): Uint8Array | 'chars' | 'length' {
  if (!/^[A-Za-z0-9_-]*$/.test(s)) return 'chars';
  if (s.length % 4 === 1) return 'length';
  const bin = atob(s.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (s.length % 4)) % 4));
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/** The hash fragment (without the leading '#'), and its length for the too-large check. */
export function encodeShare(p: SharePayload): string {
  const json = JSON.stringify({ v: LINK_VERSION, graph: p.graph, views: p.views, backend: p.backend });
  return `${HASH_KEY}=${toBase64Url(zlibSync(strToU8(json), { level: 9 }))}`;
}

export function shareUrl(base: string, p: SharePayload): { url: string; tooLarge: boolean; chars: number } {
  const url = `${base.split('#')[0]}#${encodeShare(p)}`;
  return { url, tooLarge: url.length > MAX_LINK_CHARS, chars: url.length };
}

/** The payload of a `#share=` hash, or null when the hash is not a share link at all. */
export function shareParam(hash: string): string | null {
  const h = hash.startsWith('#') ? hash.slice(1) : hash;
  if (!h.startsWith(`${HASH_KEY}=`)) return null;
  return h.slice(HASH_KEY.length + 1);
}

const DAMAGED = 'This share link is damaged or incomplete, so nothing was loaded. Your own graph is unchanged.';
const damaged = (...lines: string[]): LinkDecode => ({ ok: false, title: DAMAGED, lines: [...lines, 'Ask for the link again and copy it whole (some apps cut long links).'] });

function inflate(bytes: Uint8Array): Uint8Array | string {
  const parts: Uint8Array[] = [];
  let total = 0;
  let ended = false;
  try {
    const z = new Unzlib((chunk, final) => {
      total += chunk.length;
      if (total > MAX_JSON_BYTES) throw new Error('too big');
      parts.push(chunk);
      if (final) ended = true;
    });
    z.push(bytes, true);
  } catch (e) {
    return (e as Error).message === 'too big' ? 'its data unpacks to more than 4 MB, which no graph needs' : 'its data does not decompress (cut short or changed)';
  }
  if (!ended) return 'its data ends early (the link was cut short)';
  const out = new Uint8Array(total);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  // fflate does not check zlib's trailing Adler-32; a changed character that still inflates is caught here
  const tail = bytes.subarray(bytes.length - 4);
  const want = ((tail[0] << 24) | (tail[1] << 16) | (tail[2] << 8) | tail[3]) >>> 0;
  if (bytes.length < 6 || adler32(out) !== want) return 'its checksum does not match (a character was changed or lost)';
  return out;
}

export function decodeShare(param: string): LinkDecode {
  if (param.length === 0) return damaged('The link has no graph after "#share=".');
  if (param.length > MAX_LINK_CHARS * 2) return damaged(`The link is ${param.length.toLocaleString('en')} characters long, more than any share link.`);
  const bytes = fromBase64Url(param);
  if (bytes === 'chars') return damaged('It contains characters a share link never has.');
  if (bytes === 'length') return damaged('It cannot be read: its data ends early (the link was cut short).');
  const raw = inflate(bytes);
  if (typeof raw === 'string') return damaged(`It cannot be read: ${raw}.`);
  let env: unknown;
  try {
    env = JSON.parse(strFromU8(raw));
  } catch {
    return damaged('Its data is not valid JSON.');
  }
  if (typeof env !== 'object' || env === null || Array.isArray(env)) return damaged('Its data is not a share link.');
  let e = env as Record<string, unknown>;
  const v = e.v;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 1) return damaged('Its data has no link version.');
  if (v > LINK_VERSION) return { ok: false, title: `This share link was made by a newer Latent Studio (link version ${v}; this one reads up to ${LINK_VERSION}). Your own graph is unchanged.`, lines: ['Reload to get the latest version of the studio.'] };
  for (let from = v; from < LINK_VERSION; from++) e = migrations[from](e);
  const parsed = EnvelopeSchema.safeParse(e);
  if (!parsed.success) return damaged(...parsed.error.issues.slice(0, 5).map((i) => `${i.path.join('.') || 'link'}: ${i.message}`));
  const g = parseGraph(parsed.data.graph);
  if (!g.ok) return { ok: false, title: 'The graph in this share link is not valid, so nothing was loaded. Your own graph is unchanged.', lines: g.errors.slice(0, 8) };
  return { ok: true, payload: { graph: g.graph, views: parsed.data.views, backend: parsed.data.backend }, renamed: g.renamed.length };
}
