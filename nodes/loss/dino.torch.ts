// PyTorch export of the DINO loss (dino.ts).
import { lossPart } from './loss.torch';

export const dinoTorch = lossPart({
  fn: 'dino',
  ports: [{ id: 'student' }, { id: 'teacher' }],
  args: (p, a) => ({ student_views: a.inputTypes.student.views ?? 1, teacher_views: a.inputTypes.teacher.views ?? 1, student_temp: p.studentTemp, teacher_temp: p.teacherTemp }),
  source: String.raw`
def dino(student, teacher, student_views=2, teacher_views=2, student_temp=0.1, teacher_temp=0.04):
    """facebookresearch/dino DINOLoss: cross-entropy of the (already centred) sharpened
    teacher softmax against the student's log-softmax, averaged over every pair of
    different views."""
    s = split_views(student, student_views)
    t = split_views(teacher, teacher_views)
    terms = []
    for iq, tq in enumerate(t):
        target = F.softmax(tq / teacher_temp, -1).detach()
        for v, sv in enumerate(s):
            if v != iq:
                terms.append(-(target * F.log_softmax(sv / student_temp, -1)).sum(-1).mean())
    return torch.stack(terms).mean()
`,
});
