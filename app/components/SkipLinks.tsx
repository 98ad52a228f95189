'use client';
// The first stops of Tab: jump past the top bar and the ~50 palette entries
// straight to the canvas (its first node) or the inspector. Hidden until focused.
// Buttons-as-links call focus() themselves: a #hash would collide with share links.
import type { MouseEvent } from 'react';
import './SkipLinks.css';

function jump(e: MouseEvent, selector: string, fallback: string) {
  e.preventDefault();
  const target = document.querySelector<HTMLElement>(selector) ?? document.querySelector<HTMLElement>(fallback);
  target?.focus();
}

export function SkipLinks() {
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
