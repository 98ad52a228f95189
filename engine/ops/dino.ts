// DINO (facebookresearch/dino, main_dino.py DINOLoss): cross-entropy between the
// centred, sharpened teacher distribution and the student distribution.
import type { Tensor, Tf } from '../spec';
import { stopGradient } from './stop-gradient';

export interface DinoTemps {
  /** Student temperature (official --student_temp 0.1). */
  student: number;
  /** Teacher temperature (official 0.04; above 0.07 training is unstable). */
  teacher: number;
}
export const DINO_DEFAULTS: DinoTemps = { student: 0.1, teacher: 0.04 };

/**
 * One (teacher view, student view) pair:
 *   −mean_b Σ_k softmax((t − C)/τ_t)_bk · log softmax(s/τ_s)_bk.
 * The teacher distribution is detached here, as in the official DINOLoss
 * (`teacher_out.detach()`), so no gradient reaches the teacher or the centre.
 * student, teacher: [B, K], center: [K] or [1, K] -> scalar
 */
export function dinoCrossEntropy(
  tf: Tf,
  student: Tensor,
  teacher: Tensor,
  center: Tensor,
  temps: Partial<DinoTemps> = {},
): Tensor {
  const t = { ...DINO_DEFAULTS, ...temps };
  return tf.tidy(() => {
    const target = stopGradient(tf, tf.softmax(tf.div(tf.sub(teacher, center), t.teacher), -1)); // [B, K]
    const logp = tf.logSoftmax(tf.div(student, t.student), -1); // [B, K]
    return tf.neg(tf.mean(tf.sum(tf.mul(target, logp), -1))); // scalar
  });
}

/**
 * Multi-view DINO loss: the mean of dinoCrossEntropy over every pair (teacher view i,
 * student view v) with v ≠ i, exactly the official loop (which skips "student and
 * teacher operate on the same view"). Two views give ½[H(t1, s2) + H(t2, s1)].
 * A loss stuck at ln K means collapse.
 * students: V × [B, K], teachers: T × [B, K], center: [K]. As in the official code the
 * teacher sees only the T global views, and the student list starts with those same T
 * views in the same order (then the local crops), so index v = iq is the same view.
 */
export function dinoLoss(
  tf: Tf,
  students: Tensor[],
  teachers: Tensor[],
  center: Tensor,
  temps: Partial<DinoTemps> = {},
): Tensor {
  return tf.tidy(() => {
    const terms: Tensor[] = [];
    teachers.forEach((t, iq) => {
      students.forEach((s, v) => {
        if (v !== iq) terms.push(dinoCrossEntropy(tf, s, t, center, temps));
      });
    });
    if (terms.length === 0) throw new Error('dinoLoss: needs at least two views');
    // not tf.addN: over more than seven tensors it breaks on tfjs-backend-webgpu 4.22 (see trainer.ts)
    return tf.mean(tf.stack(terms));
  });
}

/**
 * Centre EMA, run after the loss (official update_center, no gradient):
 *   C ← m·C + (1 − m)·mean_b(teacher outputs), m = 0.9.
 * teacherOut: all teacher views stacked on the batch axis, [T·B, K]; center: [K] -> [K]
 */
export function dinoCenterUpdate(tf: Tf, center: Tensor, teacherOut: Tensor, m = 0.9): Tensor {
  return tf.tidy(() => {
    const batchCenter = tf.reshape(tf.mean(teacherOut, 0), center.shape); // [K] (or [1, K])
    return tf.add(tf.mul(center, m), tf.mul(batchCenter, 1 - m));
  });
}
