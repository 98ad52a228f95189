'use client';
// Subscribes a component to one field of the run snapshot. useSyncExternalStore
// re-renders only when the selected value changes (by identity), so each view
// wakes up for its own events and nothing else. Selectors must return a field
// as stored (or a primitive), never a freshly built object.
import { useSyncExternalStore } from 'react';
import type { RunSnapshot, RunStore } from './run-store';

export function useRun<T>(store: RunStore, select: (s: RunSnapshot) => T): T {
  return useSyncExternalStore(
    store.subscribe,
    () => select(store.getSnapshot()),
    () => select(store.getServerSnapshot()),
  );
}
