'use client';
// The ready-made lecture architectures, grouped by family. A menu button
// following the WAI-ARIA pattern: arrows move, Escape closes, focus returns.
import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { PRESETS, type Preset } from '../../engine/presets';
import { ChevronIcon } from './icons';
import './PresetMenu.css';

const FAMILY_TITLE: Record<Preset['family'], string> = {
  autoencoder: 'Autoencoders',
  generative: 'Generative',
  contrastive: 'Contrastive',
  'non-contrastive': 'Non-contrastive',
  classical: 'Classical',
};
const FAMILY_ORDER = Object.keys(FAMILY_TITLE) as Preset['family'][];

export function PresetMenu({ onChoose }: { onChoose(p: Preset): void }) {
  const [open, setOpen] = useState(false);
  const id = useId();
  const wrap = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const groups = useMemo(
    () => FAMILY_ORDER.map((f) => ({ family: f, presets: PRESETS.filter((p) => p.family === f) })).filter((g) => g.presets.length > 0),
    [],
  );

  const items = () => Array.from(wrap.current?.querySelectorAll<HTMLButtonElement>('[role="menuitem"]') ?? []);

  useEffect(() => {
    if (!open) return;
    items()[0]?.focus();
    const onDown = (e: PointerEvent) => {
      if (!wrap.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', onDown);
    return () => document.removeEventListener('pointerdown', onDown);
  }, [open]);

  const close = () => {
    setOpen(false);
    button.current?.focus();
  };

  const onMenuKey = (e: KeyboardEvent) => {
    const list = items();
    const i = list.indexOf(document.activeElement as HTMLButtonElement);
    if (e.key === 'Escape') {
      e.preventDefault();
      close();
    } else if (e.key === 'ArrowDown') {
      e.preventDefault();
      list[(i + 1) % list.length]?.focus();
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      list[(i - 1 + list.length) % list.length]?.focus();
    } else if (e.key === 'Home') {
      e.preventDefault();
      list[0]?.focus();
    } else if (e.key === 'End') {
      e.preventDefault();
      list[list.length - 1]?.focus();
    } else if (e.key === 'Tab') {
      setOpen(false);
    }
  };

  return (
    <div className="menu-wrap" ref={wrap}>
      <button
        ref={button}
        type="button"
        className="btn"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? `${id}-menu` : undefined}
        onClick={() => setOpen((o) => !o)}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown') {
            e.preventDefault();
            setOpen(true);
          }
        }}
      >
        Presets <ChevronIcon />
      </button>
      {open && (
        <div className="menu" role="menu" id={`${id}-menu`} aria-label="Presets" onKeyDown={onMenuKey}>
          {groups.map((g) => (
            <div key={g.family} role="group" aria-labelledby={`${id}-${g.family}`} className="menu__group">
              <div id={`${id}-${g.family}`} className="menu__group-title">
                {FAMILY_TITLE[g.family]}
              </div>
              {g.presets.map((p) => (
                <button
                  key={p.name}
                  type="button"
                  role="menuitem"
                  tabIndex={-1}
                  className="menu__item"
                  aria-label={p.title}
                  title={p.graph.meta.notes}
                  onClick={() => {
                    close();
                    onChoose(p);
                  }}
                >
                  <span className="menu__item-title">{p.title}</span>
                  <span className="menu__item-meta">
                    {p.graph.nodes.length} nodes · {p.graph.meta.train.steps} steps
                  </span>
                </button>
              ))}
            </div>
          ))}
        </div>
      )}
    </div>
  );
}
