'use client';
// The ready-made lecture architectures, grouped by family. A menu button
// following the WAI-ARIA pattern: arrows move, Escape closes, focus returns.
import { useId, useMemo } from 'react';
import { PRESETS, type Preset } from '../../engine/presets';
import { ChevronIcon } from './icons';
import { useMenu } from './use-menu';
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
  const { open, setOpen, wrap, button, close, onMenuKey } = useMenu();
  const id = useId();
  const groups = useMemo(
    () => FAMILY_ORDER.map((f) => ({ family: f, presets: PRESETS.filter((p) => p.family === f) })).filter((g) => g.presets.length > 0),
    [],
  );

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
