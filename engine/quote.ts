// Quoting text that came from a file inside a message. A file can hold a
// million-character type name, control characters or broken UTF-16; a
// message must stay short and printable whatever it echoes.

/** Longest piece of untrusted text a message repeats (characters). */
export const QUOTE_MAX = 60;

// C0/C1 controls, zero-width and bidi-override characters, line/paragraph separators, the BOM
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/u;

/** `"text"`: at most `max` characters, invisible characters shown as \uXXXX, lone surrogates as U+FFFD. */
export function quote(value: unknown, max = QUOTE_MAX): string {
  const s = typeof value === 'string' ? value : String(value);
  // look at a bounded prefix only: the rest never reaches the message
  const chars = Array.from(s.slice(0, 2 * max + 2));
  let out = '';
  let n = 0;
  for (const ch of chars) {
    if (n >= max) break;
    const cp = ch.codePointAt(0)!;
    if (cp >= 0xd800 && cp <= 0xdfff) out += '\ufffd';
    else if (INVISIBLE.test(ch)) out += `\\u${cp.toString(16).padStart(4, '0')}`;
    else if (ch === '"' || ch === '\\') out += `\\${ch}`;
    else out += ch;
    n++;
  }
  const cut = chars.length > max || s.length > 2 * max + 2;
  return `"${out}${cut ? `…" (${s.length.toLocaleString('en-US')} characters)` : '"'}`;
}
