'use client';
// The first stops of Tab: jump past the top bar and the ~50 palette entries
// straight to the canvas (its first node) or the inspector. Hidden until focused.
// Buttons-as-links call focus() themselves: a #hash would collide with share links.
// F6 / Shift+F6 then move between the regions from anywhere, so the top bar is one
// key away from the canvas rather than ~90 Shift+Tabs back past the palette.
import { useEffect, type MouseEvent } from 'react';
import './SkipLinks.css';

function jump(e: MouseEvent, selector: string, fallback: string) {
  e.preventDefault();
  const target = document.querySelector<HTMLElement>(selector) ?? document.querySelector<HTMLElement>(fallback);
  target?.focus();
}

const FOCUSABLE = 'button:not([disabled]), a[href], select:not([disabled]), input:not([disabled]):not([type="hidden"]), [tabindex]:not([tabindex="-1"])';

/** The first control of `el` that is shown (a folded palette shows its rail's button, not its list). */
const firstShown = (el: Element) => [...el.querySelectorAll<HTMLElement>(FOCUSABLE)].find((c) => c.getClientRects().length > 0) ?? null;

/** The regions F6 visits, in order, and where focus lands in each. */
const REGIONS: { region: string; target(el: Element): HTMLElement | null }[] = [
  { region: '.topbar', target: firstShown },
  { region: '.studio__palette', target: firstShown },
  { region: '.studio__canvas', target: (el) => el.querySelector<HTMLElement>('.react-flow__node') ?? (el as HTMLElement) },
  { region: '.studio__side', target: (el) => el as HTMLElement },
];

function useRegionKeys() {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'F6' || e.ctrlKey || e.metaKey || e.altKey || document.querySelector('dialog[open]')) return;
      const present = REGIONS.map((r) => ({ ...r, el: document.querySelector(r.region) })).filter((r) => r.el);
      if (present.length === 0) return;
      e.preventDefault();
      const here = present.findIndex((r) => r.el!.contains(document.activeElement));
      const step = e.shiftKey ? -1 : 1;
      const next = here < 0 ? (e.shiftKey ? present.length - 1 : 0) : (here + step + present.length) % present.length;
      present[next].target(present[next].el!)?.focus();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}

export function SkipLinks() {
  useRegionKeys();
  return (
    <nav className="skip-links" aria-label="Skip links">
      <a href="#canvas" className="skip-link" onClick={(e) => jump(e, '.studio__canvas .react-flow__node', '#canvas')}>
        Skip to canvas
      </a>
      <a href="#inspector" className="skip-link" onClick={(e) => jump(e, '#inspector', '#inspector')}>
        Skip to inspector
      </a>
    </nav>
  );
}
