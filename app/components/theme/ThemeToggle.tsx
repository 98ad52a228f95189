'use client';
// The top bar's theme button: System → Light → Dark. System follows the OS
// (prefers-color-scheme); the choice survives a reload (app/lib/theme-mode.ts).
import { useEffect, useState } from 'react';
import { ThemeIcon } from '../icons';
import { applyChoice, nextChoice, storedChoice, type ThemeChoice } from '../../lib/theme-mode';

const LABEL: Record<ThemeChoice, string> = { system: 'System', light: 'Light', dark: 'Dark' };

export function ThemeToggle() {
  // the stored choice is only known in the browser: render 'system' first, then read it
  const [choice, setChoice] = useState<ThemeChoice>('system');
  useEffect(() => setChoice(storedChoice()), []);
  const next = nextChoice(choice);
  return (
    <button
      type="button"
      className="btn btn--small theme-toggle"
      data-testid="theme-toggle"
      data-choice={choice}
      title={`Theme: ${LABEL[choice]}${choice === 'system' ? ' (follows your OS)' : ''}. Click for ${LABEL[next]}.`}
      aria-label={`Theme: ${LABEL[choice]}. Switch to ${LABEL[next]}`}
      onClick={() => {
        applyChoice(next);
        setChoice(next);
      }}
    >
      <ThemeIcon />
      <span className="theme-toggle__label">{LABEL[choice]}</span>
    </button>
  );
}
