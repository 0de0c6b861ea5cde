import { describe, expect, it } from 'vitest';
import type { Segment, Task } from '../../../src/shared';
import { buildTaskLanes } from '../../../src/timeline/lane-builder';
import { TimelineModel } from '../../../src/timeline/model';
import { commOfLabel } from '../../../src/timeline/wrapper-fold';
import { machine, task } from '../renderer/fixtures';

const proc = (pid: number, comm: string, parent: number | null, born: number, exit: number, kind: Task['kind'] = 'process') =>
  task(`p${pid}`, { kind, label: `${comm} pid ${pid}`, pid, tid: pid, addressSpace: pid, parentId: parent === null ? null : `p${parent}`, bornMs: born, requestedMs: born, startedMs: null, exitMs: exit });
const running = (taskId: string, startMs: number, endMs: number): Segment => ({ taskId, startMs, endMs, state: 'running', core: 0, onCpuNs: (endMs - startMs) * 1e6, waitNs: 0 });

describe('folding a traced program\'s wrapper processes', () => {
  it('a shim\'s helpers fold into the program it exec\'d (its lane says how many); the toggle shows them again', () => {
    const m = new TimelineModel();
    m.reset('r', machine);
    for (const t of [proc(1, 'python3', null, 0, 900, 'python-process'), proc(2, 'bash', 1, 10, 60), proc(3, 'readlink', 2, 20, 30)]) m.upsertTask(t);
    m.appendSegments([running('p1', 0, 5), running('p2', 10, 20), running('p3', 20, 25), running('p1', 200, 900)]);
    m.appendMarkers([{ tMs: 120, kind: 'phase', taskId: 'p1', text: 'exec python3' }]);
    m.closeGil(900);
    m.foldWrapperChains();
    const keys = () => buildTaskLanes(m, 'light', -1).map((l) => l.key);
    expect(keys()).toEqual(['task-p1']);
    expect(buildTaskLanes(m, 'light', -1)[0]!.note).toContain('2 wrapper processes folded in');
    m.setShowWrappers(true);
    expect(keys()).toEqual(['task-p1', 'task-p2', 'task-p3']);
  });

  it('Corelanes\' own workers are never folded, and a program\'s name comes from its lane label', () => {
    const m = new TimelineModel();
    m.reset('r', machine);
    m.upsertTask(task('w0', { kind: 'process', label: 'process 0', pid: 5, tid: 5 }));
    m.upsertTask(task('w1', { kind: 'process', label: 'process 1', pid: 6, tid: 6, parentId: 'w0' }));
    m.foldWrapperChains();
    expect(m.wrappers.size).toBe(0);
    expect(commOfLabel('pyenv-version-f pid 12')).toBe('pyenv-version-f');
    expect(commOfLabel('python3 tid 13 w0')).toBe('python3');
  });
});
