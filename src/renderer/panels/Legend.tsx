import { memo, useCallback, useSyncExternalStore } from 'react';
import type { Task } from '../../shared';
import type { Theme } from '../../timeline/colors';
import { legendGroups } from '../../timeline/legend';
import type { TimelineModel } from '../../timeline/model';
import type { TimelineViewState, ViewMode } from '../timeline/view-state';
import { useViewValue } from '../timeline/use-view-value';

/**
 * What the colours mean, for the views shown: states (Tasks view) and, for
 * the Cores view, its colour mode (one hue per process, or one colour per
 * task); tasks a lane filter hides, and wrapper processes folded into their
 * program's lane, are not listed.
 */
export const Legend = memo(function Legend({ tasks: all, model, theme, view, mode }: { tasks: Task[]; model: TimelineModel; theme: Theme; view: TimelineViewState; mode: ViewMode }) {
  // Folding or showing wrappers changes the model's tasks revision, not the run's state: follow it here.
  useSyncExternalStore(
    useCallback((cb: () => void) => model.onChange(cb), [model]),
    () => model.tasksRevision,
  );
  const tasks = all.filter((t) => !model.isFolded(model.indexOfTask(t.id)));
  const colorMode = useViewValue(view, (v) => v.colorMode);
  const hideOwn = useViewValue(view, (v) => v.hideOwnThreads);
  const groups = legendGroups(tasks, theme, colorMode, hideOwn).filter((g) => mode === 'both' || g.view === mode);
  return (
    <div className="legend" aria-label="Legend" data-color-mode={colorMode}>
      {groups.map((group) => (
        <div key={group.view} className="legend-group">
          <span className="legend-title">{group.title}</span>
          {group.items.map((item) => (
            <span key={item.label} className="legend-item">
              <span className="swatch" style={{ background: item.color }} />
              {item.label}
            </span>
          ))}
        </div>
      ))}
    </div>
  );
});
