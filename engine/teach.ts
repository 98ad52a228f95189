// What a graph carries for teaching (graph version 2): classroom flags an
// instructor sets in the Share dialog, parameter locks, a guided tour and the
// canvas annotations (sticky notes, labelled frames). Kept beside graph.ts so
// the graph schema stays readable; tensor-free, so the UI and the CLI share it.
import { z } from 'zod';
import { idSchema } from './ids';

const teachId = idSchema;

export const CATEGORY_IDS = ['data', 'augment', 'network', 'operator', 'loss'] as const;
/** The dock's training views (app/components/panels/Dock.tsx). */
export const VIEW_IDS = ['loss', 'latent', 'energy', 'attention', 'images', 'collapse', 'eval'] as const;
/** Top-bar and side controls a classroom link can hide. */
export const CONTROL_IDS = ['presets', 'files', 'runs', 'data', 'export', 'share', 'settings', 'palette', 'inspector'] as const;
export const BACKEND_IDS = ['auto', 'webgpu', 'webgl', 'wasm', 'cpu'] as const;

export const ClassroomSchema = z.strictObject({
  hideCategories: z.array(z.enum(CATEGORY_IDS)).max(CATEGORY_IDS.length).default([]),
  hidePanels: z.array(z.enum(VIEW_IDS)).max(VIEW_IDS.length).default([]),
  hideControls: z.array(z.enum(CONTROL_IDS)).max(CONTROL_IDS.length).default([]),
  /** Only Train, Step and Reset: no editing of the graph at all. */
  runOnly: z.boolean().default(false),
  /** The backend every student trains on; null lets the student choose. */
  backend: z.enum(BACKEND_IDS).nullable().default(null),
  /** The views the link chose stay as they are (no view toggles). */
  fixedViews: z.boolean().default(false),
});
export type Classroom = z.infer<typeof ClassroomSchema>;

export const ParamLockSchema = z.strictObject({ node: teachId, param: z.string().min(1).max(80) });
export type ParamLock = z.infer<typeof ParamLockSchema>;

/** A change a tour's "try this" applies with one click; each is an ordinary graph edit. */
export const TourChangeSchema = z.discriminatedUnion('op', [
  z.strictObject({ op: z.literal('setParam'), node: teachId, param: z.string().min(1).max(80), value: z.unknown() }),
  /** Remove a one-in one-out node and wire its input's source straight to its consumers. */
  z.strictObject({ op: z.literal('bypass'), node: teachId }),
  z.strictObject({ op: z.literal('setTrain'), key: z.string().min(1).max(40), value: z.unknown() }),
]);
export type TourChange = z.infer<typeof TourChangeSchema>;

export const TourStepSchema = z.strictObject({
  title: z.string().min(1).max(120),
  text: z.string().min(1).max(4000),
  /** Nodes and wires this step highlights. */
  nodes: z.array(teachId).max(50).default([]),
  edges: z.array(teachId).max(100).default([]),
});
export type TourStep = z.infer<typeof TourStepSchema>;

export const TourTrySchema = z.strictObject({
  label: z.string().min(1).max(120),
  text: z.string().min(1).max(2000),
  changes: z.array(TourChangeSchema).min(1).max(10),
});
export type TourTry = z.infer<typeof TourTrySchema>;

export const TourSchema = z.strictObject({
  title: z.string().min(1).max(200),
  steps: z.array(TourStepSchema).min(1).max(30),
  tries: z.array(TourTrySchema).max(4).default([]),
});
export type Tour = z.infer<typeof TourSchema>;

export const NoteSchema = z.strictObject({
  id: teachId,
  text: z.string().max(2000),
  x: z.number(),
  y: z.number(),
});
export const FrameSchema = z.strictObject({
  id: teachId,
  label: z.string().max(200),
  x: z.number(),
  y: z.number(),
  width: z.number().min(40).max(20_000),
  height: z.number().min(40).max(20_000),
});
export type Note = z.infer<typeof NoteSchema>;
export type Frame = z.infer<typeof FrameSchema>;

export const AnnotationsSchema = z.strictObject({
  notes: z.array(NoteSchema).max(200).default([]),
  frames: z.array(FrameSchema).max(100).default([]),
});
export type Annotations = z.infer<typeof AnnotationsSchema>;

export const emptyClassroom = (): Classroom => ClassroomSchema.parse({});
export const emptyAnnotations = (): Annotations => AnnotationsSchema.parse({});

/** True when a classroom link restricts anything (the badge shows only then). */
export function isRestricted(c: Classroom, paramLocks: readonly ParamLock[], locks: readonly string[]): boolean {
  return c.hideCategories.length + c.hidePanels.length + c.hideControls.length + paramLocks.length + locks.length > 0 || c.runOnly || c.backend !== null || c.fixedViews;
}
