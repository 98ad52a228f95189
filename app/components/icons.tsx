// Small inline icons: a few paths are cheaper than an icon font and inherit currentColor.
import type { SVGProps } from 'react';

function Svg(props: SVGProps<SVGSVGElement>) {
  return <svg width="14" height="14" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true" {...props} />;
}

export function LockIcon() {
  return (
    <Svg>
      <rect x="5" y="11" width="14" height="10" rx="2" />
      <path d="M8 11V7a4 4 0 0 1 8 0v4" />
    </Svg>
  );
}

export function TrashIcon() {
  return (
    <Svg>
      <path d="M4 7h16M10 11v6M14 11v6M6 7l1 13h10l1-13M9 7V4h6v3" />
    </Svg>
  );
}

export function PlayIcon() {
  return (
    <Svg>
      <path d="M7 5v14l12-7z" fill="currentColor" />
    </Svg>
  );
}

export function PauseIcon() {
  return (
    <Svg>
      <path d="M8 5v14M16 5v14" />
    </Svg>
  );
}

export function StopIcon() {
  return (
    <Svg>
      <rect x="6" y="6" width="12" height="12" rx="1" fill="currentColor" />
    </Svg>
  );
}

export function ChevronIcon() {
  return (
    <Svg width="12" height="12">
      <path d="M6 9l6 6 6-6" />
    </Svg>
  );
}

export function LogoIcon() {
  return (
    <svg width="22" height="22" viewBox="0 0 24 24" aria-hidden="true">
      <circle cx="5" cy="6" r="3" fill="var(--cat-data)" />
      <circle cx="19" cy="6" r="3" fill="var(--cat-network)" />
      <circle cx="12" cy="19" r="3" fill="var(--cat-loss)" />
      <path d="M8 6h8M6.5 8.6l4 7.8M17.5 8.6l-4 7.8" stroke="currentColor" strokeWidth="1.6" fill="none" opacity="0.7" />
    </svg>
  );
}

export function MaximizeIcon() {
  return (
    <Svg>
      <path d="M15 3h6v6M9 21H3v-6M21 3l-7 7M3 21l7-7" />
    </Svg>
  );
}

export function MinimizeIcon() {
  return (
    <Svg>
      <path d="M4 14h6v6M20 10h-6V4M14 10l7-7M3 21l7-7" />
    </Svg>
  );
}

export function EyeIcon() {
  return (
    <Svg width="12" height="12">
      <path d="M2 12s3.6-7 10-7 10 7 10 7-3.6 7-10 7S2 12 2 12z" />
      <circle cx="12" cy="12" r="3" />
    </Svg>
  );
}

export function WarningIcon() {
  return (
    <Svg>
      <path d="M12 3 2 21h20L12 3zM12 10v5M12 18h.01" />
    </Svg>
  );
}

export function UndoIcon() {
  return (
    <Svg>
      <path d="M9 14L4 9l5-5" />
      <path d="M4 9h11a5 5 0 0 1 0 10h-3" />
    </Svg>
  );
}

export function RedoIcon() {
  return (
    <Svg>
      <path d="M15 14l5-5-5-5" />
      <path d="M20 9H9a5 5 0 0 0 0 10h3" />
    </Svg>
  );
}

export function PlusIcon() {
  return (
    <Svg>
      <path d="M12 5v14M5 12h14" />
    </Svg>
  );
}

export function LayoutIcon() {
  return (
    <Svg>
      <rect x="3" y="4" width="6" height="6" rx="1" />
      <rect x="15" y="4" width="6" height="6" rx="1" />
      <rect x="15" y="14" width="6" height="6" rx="1" />
      <path d="M9 7h6M12 7v10h3" />
    </Svg>
  );
}

export function BlockIcon() {
  return (
    <Svg>
      <path d="M12 3l8 4.5v9L12 21l-8-4.5v-9z" />
      <path d="M12 12l8-4.5M12 12v9M12 12L4 7.5" />
    </Svg>
  );
}

export function KeyboardIcon() {
  return (
    <Svg>
      <rect x="2" y="6" width="20" height="12" rx="2" />
      <path d="M6 10h.01M10 10h.01M14 10h.01M18 10h.01M7 14h10" />
    </Svg>
  );
}

export function ThemeIcon() {
  return (
    <Svg>
      <circle cx="12" cy="12" r="8" />
      <path d="M12 4a8 8 0 0 1 0 16z" fill="currentColor" />
    </Svg>
  );
}

/** Two ports joined by a wire: the Wires dialog. */
export function WireIcon() {
  return (
    <Svg>
      <circle cx="5" cy="7" r="2.5" />
      <circle cx="19" cy="17" r="2.5" />
      <path d="M7.5 7h4a2 2 0 0 1 2 2v6a2 2 0 0 0 2 2h1" />
    </Svg>
  );
}

/** A side panel: the folded node palette. */
export function PanelIcon() {
  return (
    <Svg>
      <rect x="3" y="4" width="18" height="16" rx="2" />
      <path d="M9 4v16M5.5 8h1M5.5 11h1M5.5 14h1" />
    </Svg>
  );
}

/** A pin: keep a folding panel open. */
export function PinIcon() {
  return (
    <Svg>
      <path d="M9 4h6M10 4v6l-3 4h10l-3-4V4M12 14v6" />
    </Svg>
  );
}
