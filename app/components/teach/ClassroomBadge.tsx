'use client';
// What a classroom link locked, in one small badge a student can open.
import { useState } from 'react';
import type { Graph } from '../../../engine/graph';
import { restrictionLines } from '../../lib/share/classroom-labels';
import { LockIcon } from '../icons';
import './ClassroomBadge.css';

export function ClassroomBadge({ graph }: { graph: Graph }) {
  const [open, setOpen] = useState(false);
  const lines = restrictionLines(graph);
  if (lines.length === 0) return null;
  return (
    <div className="classroom-badge">
      <button type="button" className="classroom-badge__btn" aria-expanded={open} onClick={() => setOpen(!open)} data-testid="classroom-badge">
        <LockIcon /> Classroom · {lines.length} locked
      </button>
      {open && (
        <ul className="classroom-badge__list" aria-label="What this link locked">
          {lines.map((l) => (
            <li key={l}>{l}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
