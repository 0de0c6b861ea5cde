import { describe, expect, it } from 'vitest';
import { nextNoteId, noteFromDraft, type NoteDraft } from '../../../src/renderer/app/notes';
import { task } from './fixtures';

const tasks = [task('w0'), task('w1')];
const draft = (over: Partial<NoteDraft> = {}): NoteDraft => ({ text: ' waits here ', startMs: 300, endMs: 100, taskId: 'w0', arrowTaskId: 'w1', ...over });

describe('notes written in the page', () => {
  it('become trace v2 annotations: text trimmed, the range ordered, the arrow at its middle', () => {
    expect(noteFromDraft(draft(), 'n1', tasks, 1000, 0)).toEqual({ id: 'n1', startMs: 100, endMs: 300, taskId: 'w0', text: 'waits here', arrow: { taskId: 'w1', tMs: 200 } });
    expect(noteFromDraft(draft({ taskId: null, arrowTaskId: null }), 'n2', tasks, 1000, 0)).toMatchObject({ taskId: null, arrow: null });
  });

  it('say what to fix instead: no text, no time, outside the run, an unknown task, too many', () => {
    expect(noteFromDraft(draft({ text: '  ' }), 'n', tasks, 1000, 0)).toMatch(/Write the note/);
    expect(noteFromDraft(draft({ startMs: Number.NaN }), 'n', tasks, 1000, 0)).toMatch(/start and an end/);
    expect(noteFromDraft(draft({ startMs: 5000, endMs: 6000 }), 'n', tasks, 1000, 0)).toMatch(/within the run/);
    expect(noteFromDraft(draft({ taskId: 'w9' }), 'n', tasks, 1000, 0)).toMatch(/not in this run/);
    expect(noteFromDraft(draft({ arrowTaskId: 'w9' }), 'n', tasks, 1000, 0)).toMatch(/arrow points/);
    expect(noteFromDraft(draft(), 'n', tasks, 1000, 10_000)).toMatch(/up to 10000/);
  });

  it('get ids past the highest used', () => {
    expect(nextNoteId([])).toBe('n1');
    expect(nextNoteId([{ id: 'n7', startMs: 0, endMs: 0, taskId: null, text: 'x', arrow: null }, { id: 'hand', startMs: 0, endMs: 0, taskId: null, text: 'y', arrow: null }])).toBe('n8');
  });
});
