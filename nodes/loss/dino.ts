import { DINO_DEFAULTS, dinoLoss } from '../../engine/ops/dino';
import { num } from '../../engine/params';
import { defineNode } from '../../engine/spec';
import { featureSize, problem } from '../../engine/types';
import { LOSS_OUT, scalarType, embeddingPort, firstProblem, needBatchOfVectors, needSameSize, splitViews, viewCount, viewsExample, weightParam } from './common';

export const dino = defineNode({
  type: 'loss.dino',
  version: 1,
  label: 'DINO',
  category: 'loss',
  doc: 'DINO’s self-distillation: the student’s softmax (temperature τₛ) on each view is trained to match the teacher’s sharper softmax (τₜ) on every other view, the teacher being a Momentum encoder whose output a Centering node has already centred (no centre is subtracted here). Centering stops one output dimension from dominating and sharpening stops the uniform output; a loss stuck at ln(K), K the output size, means collapse.',
  formula: '−Σ_k softmax((t − C)/τ_t)_k log softmax(s/τ_s)_k;  C ← mC + (1 − m) mean(t)',
  lecture: 'Joint-embedding methods',
  inputs: [
    embeddingPort('student', 'student', 'Student logits of V ≥ 2 views stacked, [V·B, K].'),
    embeddingPort('teacher', 'teacher', 'Centred teacher logits of the first T views (2 ≤ T ≤ V, usually 2), [T·B, K].'),
  ],
  outputs: LOSS_OUT,
  params: {
    studentTemp: num({ label: 'Student temperature', default: DINO_DEFAULTS.student, min: 0.01, max: 10, step: 0.01, log: true, doc: 'τₛ of the student softmax (0.1 in DINO).' }),
    teacherTemp: num({ label: 'Teacher temperature', default: DINO_DEFAULTS.teacher, min: 0.001, max: 10, step: 0.001, log: true, doc: 'τₜ, sharper than τₛ (0.04 in DINO; above 0.07 training becomes unstable).' }),
    weight: weightParam(),
  },
  loss: { weight: (p) => p.weight, phase: () => 'main' },
  example: { inputs: { student: viewsExample(), teacher: viewsExample() } },
  infer: ({ inputs }) => {
    const { student, teacher } = inputs;
    const p = firstProblem(needBatchOfVectors('student', student), needBatchOfVectors('teacher', teacher), needSameSize('student', student, 'teacher', teacher));
    if (p) return p;
    const v = viewCount(student);
    const t = viewCount(teacher);
    if (v < 2) return problem(`student needs at least two views stacked (put a Views node before the encoder), got ${v}`, { portIds: ['student'] });
    if (t < 2 || t > v) return problem(`teacher needs between 2 and ${v} views (the student's), got ${t}`, { portIds: ['teacher'] });
    return { loss: scalarType() };
  },
  forward({ tf, inputs, inputTypes, params }) {
    const students = splitViews(tf, inputs.student, viewCount(inputTypes.student)); // V × [B, K]
    const teachers = splitViews(tf, inputs.teacher, viewCount(inputTypes.teacher)); // T × [B, K]
    const center = tf.zeros([featureSize(inputTypes.teacher)]); // [K]: the Centering node upstream already subtracted it
    // mean over (teacher view iq, student view v ≠ iq): the official loop
    return { loss: dinoLoss(tf, students, teachers, center, { student: params.studentTemp, teacher: params.teacherTemp }) };
  },
});
