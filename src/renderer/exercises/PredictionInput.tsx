import { useEffect, useState } from 'react';
import type { AnswerValue, CardPrediction as Prediction } from '../../shared';

interface Props {
  prediction: Prediction;
  value: AnswerValue | null;
  onChange(value: AnswerValue | null): void;
  disabled: boolean;
  /** Enter in the number field (submit). */
  onEnter?(): void;
}

/** The item ids in the file's order, or the participant's order when it names every item. */
function orderOf(prediction: Extract<Prediction, { kind: 'ordering' }>, value: AnswerValue | null): string[] {
  const ids = prediction.items.map((i) => i.id);
  return Array.isArray(value) && value.length === ids.length && ids.every((id) => value.includes(id)) ? value : ids;
}

function NumberField({ prediction, value, onChange, disabled, onEnter }: Props & { prediction: Extract<Prediction, { kind: 'number' }> }) {
  const [text, setText] = useState(typeof value === 'number' ? String(value) : '');
  useEffect(() => setText(typeof value === 'number' ? String(value) : ''), [value]);
  return (
    <label className="prediction-number">
      <span className="visually-hidden">Your prediction</span>
      <input
        type="number"
        inputMode="decimal"
        step="any"
        value={text}
        disabled={disabled}
        data-testid="prediction-number"
        title={`A number${prediction.unit ? ` in ${prediction.unit}` : ''}; within ± ${prediction.tolerance} of the measurement counts as right`}
        onChange={(e) => {
          setText(e.target.value);
          const n = Number(e.target.value);
          onChange(e.target.value.trim() !== '' && Number.isFinite(n) ? n : null);
        }}
        onKeyDown={(e) => e.key === 'Enter' && onEnter?.()}
      />
      {prediction.unit && <span className="unit">{prediction.unit}</span>}
      <span className="muted tolerance">± {prediction.tolerance} counts as right</span>
    </label>
  );
}

/** A participant's prediction in the exercise's own kind: a number with its unit, one option, or an order. */
export function PredictionInput(props: Props) {
  const { prediction, value, onChange, disabled } = props;
  if (prediction.kind === 'number') return <NumberField {...props} prediction={prediction} />;
  if (prediction.kind === 'choice') {
    return (
      <fieldset className="prediction-choice" disabled={disabled}>
        <legend className="visually-hidden">Your prediction</legend>
        {prediction.options.map((o) => (
          <label key={o.id} className={value === o.id ? 'picked' : undefined}>
            <input type="radio" name="prediction" value={o.id} checked={value === o.id} onChange={() => onChange(o.id)} data-testid={`prediction-option-${o.id}`} />
            {o.text}
          </label>
        ))}
      </fieldset>
    );
  }
  const order = orderOf(prediction, value);
  const move = (k: number, by: -1 | 1) => {
    const next = [...order];
    [next[k], next[k + by]] = [next[k + by]!, next[k]!];
    onChange(next);
  };
  const label = (id: string) => prediction.items.find((i) => i.id === id)?.label ?? id;
  return (
    <div className="prediction-ordering" role="group" aria-label={`Your prediction: ${prediction.order === 'ascending' ? 'smallest' : 'largest'} first`}>
      <p className="muted">In the question's order, top first (the top one has the {prediction.order === 'ascending' ? 'smallest' : 'largest'} measured value); move items with ↑ and ↓.</p>
      <ol>
        {order.map((id, k) => (
          <li key={id}>
            <span>{label(id)}</span>
            <button type="button" disabled={disabled || k === 0} onClick={() => move(k, -1)} aria-label={`Move ${label(id)} up`} title="Move up">
              ↑
            </button>
            <button type="button" disabled={disabled || k === order.length - 1} onClick={() => move(k, 1)} aria-label={`Move ${label(id)} down`} title="Move down">
              ↓
            </button>
          </li>
        ))}
      </ol>
      {value === null && (
        <button type="button" disabled={disabled} onClick={() => onChange(order)}>
          Use this order
        </button>
      )}
    </div>
  );
}
