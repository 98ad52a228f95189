'use client';
// Wires of the selected node, for the keyboard (Shift+C): pick one of its ports,
// then with the arrow keys one of the ports it may be wired to (refused ones are
// listed with the reason and skipped), Enter wires it; each existing wire has a
// Remove button. Every change is one graph-store action, so Ctrl+Z undoes it.
// The dialog stays open after each change so a wire can be moved in one visit.
import { useId, useState, type FormEvent } from 'react';
import type { PortRef } from '../../../engine/graph';
import type { StudioAnalysis } from '../../lib/analysis';
import { useStudio } from '../../lib/graph-store';
import type { LooseEnd } from '../../lib/quick-add';
import { firstUsefulPort, nodeTitle, nodeWires, ownPorts, portName, wireCandidates, wireLabel, type OwnPort } from '../../lib/port-choice';
import { Modal } from './Modal';

export interface WireTarget {
  node: string;
  /** Two selected nodes: only wires between them are offered. */
  among?: string[];
}

interface WireDialogProps {
  target: WireTarget | null;
  analysis: StudioAnalysis;
  onClose(): void;
  /** Quick add of a node that fits the chosen port, wired in (as when a wire is dropped on empty canvas). */
  onNewNode(end: LooseEnd): void;
}

export function WireDialog({ target, analysis, onClose, onNewNode }: WireDialogProps) {
  const { state } = useStudio();
  const title = target ? `Wires of ${nodeTitle(state.graph, target.node)}` : 'Wires';
  return (
    <Modal open={target !== null} title={title} onClose={onClose} className="wire-dialog" testId="wire-dialog">
      {target && <WireForm key={target.node} target={target} analysis={analysis} onClose={onClose} onNewNode={onNewNode} />}
    </Modal>
  );
}

const portKey = (p: Pick<OwnPort, 'side' | 'port'>) => `${p.side}:${p.port}`;
const refKey = (from: PortRef, to: PortRef) => `${from.node}.${from.port}>${to.node}.${to.port}`;

function WireForm({ target, analysis, onClose, onNewNode }: Omit<WireDialogProps, 'target'> & { target: WireTarget }) {
  const { state, dispatch } = useStudio();
  const { graph } = state;
  const id = useId();
  const ports = ownPorts(graph, target.node);
  const [chosenPort, setChosenPort] = useState(() => {
    const p = firstUsefulPort(graph, analysis, target.node, target.among);
    return p ? portKey(p) : '';
  });
  const own = ports.find((p) => portKey(p) === chosenPort) ?? ports[0];
  const candidates = own ? wireCandidates(graph, analysis, { node: target.node, ...own }, target.among) : [];
  const [picked, setPicked] = useState<string | null>(null);
  const firstOk = candidates.find((c) => !c.problem);
  const chosen = candidates.find((c) => !c.problem && refKey(c.from, c.to) === picked) ?? firstOk;
  const wires = nodeWires(graph, target.node);
  const [said, setSaid] = useState('');

  const connect = (e: FormEvent) => {
    e.preventDefault();
    if (!chosen) return;
    dispatch({ type: 'connect', from: chosen.from, to: chosen.to });
    // the wired choice leaves the list: focus the choice that replaces it, else the port
    requestAnimationFrame(() => (document.querySelector<HTMLInputElement>(`input[name="${CSS.escape(`${id}-target`)}"]:checked`) ?? document.getElementById(`${id}-port`))?.focus());
    setSaid(`Wired ${wireLabel(graph, chosen.from, chosen.to)}${chosen.replaces ? ` (replacing ${wireLabel(graph, chosen.replaces.from, chosen.replaces.to)})` : ''}. Ctrl+Z undoes it.`);
    setPicked(null);
  };

  const remove = (edgeId: string, index: number) => {
    const w = wires[index];
    dispatch({ type: 'remove', nodeIds: [], edgeIds: [edgeId] });
    setSaid(`Removed ${w.label}. Ctrl+Z brings it back.`);
    // the button that had focus is gone: the next wire's Remove, else the previous one, else the port choice
    requestAnimationFrame(() => {
      const buttons = document.querySelectorAll<HTMLButtonElement>(`#${CSS.escape(id)}-wires button`);
      (buttons[Math.min(index, buttons.length - 1)] ?? document.getElementById(`${id}-port`))?.focus();
    });
  };

  const where = target.among ? ` on ${target.among.filter((n) => n !== target.node).map((n) => nodeTitle(graph, n)).join(', ')}` : '';
  // named as the canvas names them (node title, port label), like every port and wire below
  const title = nodeTitle(graph, target.node);
  const ownName = own ? portName(graph, { node: target.node, port: own.port }, own.side) : '';
  const legend = own ? (own.side === 'out' ? `Wire ${ownName} into${where}` : `Feed ${ownName} from${where}`) : '';

  const close = (
    <div className="modal__actions">
      <button type="button" className="btn" onClick={onClose}>
        Close
      </button>
    </div>
  );

  if (graph.meta.classroom.runOnly) {
    return (
      <>
        <p className="modal__text">This classroom link only lets you train: its wires cannot be changed.</p>
        {close}
      </>
    );
  }

  return (
    <>
      {ports.length === 0 ? (
        <p className="modal__text">This node has no ports.</p>
      ) : (
        <form
          className="wire-dialog__form"
          onSubmit={connect}
          onKeyDown={(e) => {
            // Enter on a chosen port wires it (browsers differ on submitting from a radio button)
            if (e.key === 'Enter' && (e.target as HTMLInputElement).type === 'radio') {
              e.preventDefault();
              e.currentTarget.requestSubmit();
            }
          }}
        >
          <label htmlFor={`${id}-port`}>Port of {title}</label>
          <select
            id={`${id}-port`}
            className="input"
            value={own ? portKey(own) : ''}
            autoFocus
            onChange={(e) => {
              setChosenPort(e.target.value);
              setPicked(null);
            }}
          >
            {(['out', 'in'] as const).map((side) => {
              const some = ports.filter((p) => p.side === side);
              return (
                some.length > 0 && (
                  <optgroup key={side} label={side === 'out' ? 'Outputs (feed another node)' : 'Inputs (fed by another node)'}>
                    {some.map((p) => (
                      <option key={portKey(p)} value={portKey(p)}>
                        {side === 'out' ? `${p.label} →` : `→ ${p.label}`}
                      </option>
                    ))}
                  </optgroup>
                )
              );
            })}
          </select>
          <fieldset className="wire-dialog__targets">
            <legend>{legend}</legend>
            {candidates.length === 0 && <p className="modal__text">No port{where} to wire it to.</p>}
            <ul className="wire-dialog__list">
              {candidates.map((c) => {
                const key = refKey(c.from, c.to);
                const note = c.problem ?? (c.replaces ? `replaces ${wireLabel(graph, c.replaces.from, c.replaces.to)}` : '');
                return (
                  <li key={key} className={c.problem ? 'is-refused' : undefined}>
                    <label>
                      <input
                        type="radio"
                        name={`${id}-target`}
                        value={key}
                        disabled={!!c.problem}
                        checked={chosen !== undefined && refKey(chosen.from, chosen.to) === key}
                        onChange={() => setPicked(key)}
                        aria-describedby={note ? `${id}-note-${key}` : undefined}
                      />
                      <span className="wire-dialog__far">{c.label}</span>
                    </label>
                    {note && (
                      <span id={`${id}-note-${key}`} className="wire-dialog__note">
                        {note}
                      </span>
                    )}
                  </li>
                );
              })}
            </ul>
          </fieldset>
          <div className="modal__actions">
            {own && (
              <button type="button" className="btn btn--ghost" onClick={() => onNewNode({ node: target.node, port: own.port, kind: own.side === 'out' ? 'source' : 'target' })}>
                New node for {ownName}…
              </button>
            )}
            <button type="submit" className="btn btn--primary" disabled={!chosen}>
              {chosen ? `Connect ${wireLabel(graph, chosen.from, chosen.to)}` : 'Connect'}
            </button>
          </div>
        </form>
      )}
      <section className="wire-dialog__wires" aria-labelledby={`${id}-wires-title`}>
        <h3 id={`${id}-wires-title`} className="wire-dialog__heading">
          Wires of {title}
        </h3>
        {wires.length === 0 ? (
          <p className="modal__text">None yet.</p>
        ) : (
          <ul id={`${id}-wires`} className="wire-dialog__list">
            {wires.map((w, i) => (
              <li key={w.edge.id}>
                <span className="wire-dialog__far">{w.label}</span>
                {w.problem ? (
                  <span className="wire-dialog__note">{w.problem}</span>
                ) : (
                  <button type="button" className="btn btn--ghost" aria-label={`Remove wire ${w.label}`} onClick={() => remove(w.edge.id, i)}>
                    Remove
                  </button>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>
      <p className="wire-dialog__said" role="status">
        {said}
      </p>
      {close}
    </>
  );
}
