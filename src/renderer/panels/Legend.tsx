import { memo } from 'react';
import type { Task } from '../../shared';
import type { Theme } from '../../timeline/colors';
import { legendGroups } from '../../timeline/legend';

/** What the colours mean: states (Tasks view) and one hue per address space (Cores view). */
export const Legend = memo(function Legend({ tasks, theme }: { tasks: Task[]; theme: Theme }) {
  return (
    <div className="legend" aria-label="Legend">
      {legendGroups(tasks, theme).map((group) => (
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
