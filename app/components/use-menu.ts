'use client';
// A menu button's behaviour (WAI-ARIA menu button pattern), shared by the top bar's
// menus: opening focuses the first item, arrows / Home / End move, Escape closes and
// hands focus back to the button, Tab or a press outside closes.
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { usePressOutside } from './use-press-outside';

export function useMenu() {
  const [open, setOpen] = useState(false);
  const wrap = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const items = () => Array.from(wrap.current?.querySelectorAll<HTMLButtonElement>('[role="menuitem"]') ?? []);

  useEffect(() => {
    if (open) items()[0]?.focus();
  }, [open]);
  usePressOutside(wrap, open, () => setOpen(false));

  const close = () => {
    setOpen(false);
    button.current?.focus();
  };

  const onMenuKey = (e: KeyboardEvent) => {
    const list = items();
    const i = list.indexOf(document.activeElement as HTMLButtonElement);
    const to = ({ ArrowDown: i + 1, ArrowUp: i - 1, Home: 0, End: list.length - 1 } as Record<string, number>)[e.key];
    if (e.key === 'Escape') {
      e.preventDefault();
      close();
    } else if (e.key === 'Tab') setOpen(false);
    else if (to !== undefined) {
      e.preventDefault();
      list[(to + list.length) % list.length]?.focus();
    }
  };

  return { open, setOpen, wrap, button, close, onMenuKey };
}
