'use client';
// "Learn": a node's documentation with its formula and what each port carries.
import { useState } from 'react';
import { getSpec } from '../../../nodes/registry';
import '../runs/QueueDialog.css';
import './Tour.css';

export function LearnButton({ type }: { type: string }) {
  const [open, setOpen] = useState(false);
  const spec = getSpec(type);
  if (!spec) return null;
  return (
    <>
      <button type="button" className="link-btn" onClick={() => setOpen(true)} aria-label={`Learn about ${spec.label}`}>
        Learn
      </button>
      {open && (
        <div className="qd-overlay" onKeyDown={(e) => e.key === 'Escape' && setOpen(false)} onClick={(e) => e.target === e.currentTarget && setOpen(false)}>
          <div className="qd learn" role="dialog" aria-modal="true" aria-label={`${spec.label}: documentation`} data-testid="learn-dialog">
            <h2>{spec.label}</h2>
            <p className="qd__lead">{spec.doc}</p>
            {spec.formula && (
              <>
                <pre className="learn__formula" data-testid="learn-formula">
                  {spec.formula}
                </pre>
                {spec.lecture && <p className="learn__where">Methods › {spec.lecture} (docs/methods.md): conventions, reference code and the closed forms the tests check.</p>}
              </>
            )}
            <dl className="learn__ports">
              {[...spec.inputs.map((p) => ({ ...p, dir: 'in' })), ...spec.outputs.map((p) => ({ ...p, dir: 'out' }))].map((p) => (
                <div key={`${p.dir}-${p.id}`}>
                  <dt>
                    {p.dir} · {p.label} <code>{p.type}</code>
                  </dt>
                  {'doc' in p && p.doc ? <dd>{p.doc}</dd> : null}
                </div>
              ))}
            </dl>
            <div className="qd__buttons">
              <button type="button" className="btn btn--primary" autoFocus onClick={() => setOpen(false)}>
                Close
              </button>
            </div>
          </div>
        </div>
      )}
    </>
  );
}
