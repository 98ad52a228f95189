'use client';
// While a wire is being dragged over a handle that refuses it, say why right
// away; the student should not have to drop it to find out.
import { Panel, useConnection } from '@xyflow/react';
import type { HandleRef } from '../lib/connection-rules';

export function ConnectionHint({ explain }: { explain(from: HandleRef, to: HandleRef): string | null }) {
  // A string selector, so this re-renders only when the hovered pair of handles changes.
  const pair = useConnection((c) =>
    c.inProgress && c.isValid === false && c.toHandle ? JSON.stringify([c.fromHandle, c.toHandle].map((h) => ({ nodeId: h.nodeId, id: h.id, type: h.type }))) : null,
  );
  if (!pair) return null;
  const [from, to] = JSON.parse(pair) as [HandleRef, HandleRef];
  const reason = explain(from, to);
  if (!reason) return null;
  return (
    <Panel position="bottom-center" className="connection-hint" role="status">
      {reason}
    </Panel>
  );
}
