import { max, scaleBand, scaleLinear } from 'd3';
import { memo } from 'react';
import { answerText, binNumbers, countAnswers, round, type AnswerValue, type MeasuredAnswer, type CardPrediction as Prediction } from '../../shared';

interface Props {
  prediction: Prediction;
  answers: readonly AnswerValue[];
  /** The measured answer once the run ended, else null. */
  measured: MeasuredAnswer;
  large: boolean;
}

const W = 400;

/** Numeric predictions as a histogram (bins one tolerance wide), the measured value as a line over it. */
function Histogram({ prediction, answers, measured, large }: Props & { prediction: Extract<Prediction, { kind: 'number' }> }) {
  const values = answers.filter((a): a is number => typeof a === 'number');
  const measuredNumber = typeof measured === 'number' ? measured : null;
  const bins = binNumbers(values, prediction.tolerance, measuredNumber);
  const h = large ? 260 : 180;
  const m = { l: 36, r: 14, t: large ? 34 : 26, b: 40 };
  if (bins.length === 0) return <p className="muted">No predictions yet.</p>;
  const x = scaleLinear().domain([bins[0]!.x0, bins.at(-1)!.x1]).range([m.l, W - m.r]);
  const top = Math.max(1, max(bins, (b) => b.count) ?? 1);
  const y = scaleLinear().domain([0, top]).range([h - m.b, m.t]).nice();
  const unit = prediction.unit ? ` ${prediction.unit}` : '';
  const label = `Predictions: ${bins.filter((b) => b.count).map((b) => `${b.count} between ${b.x0} and ${b.x1}${unit}`).join('; ')}${measuredNumber !== null ? `; measured ${round(measuredNumber)}${unit}` : ''}`;
  return (
    <svg className="room-histogram" viewBox={`0 0 ${W} ${h}`} role="img" aria-label={label} data-testid="room-histogram">
      {bins.map((b) => (
        <g key={b.x0}>
          <rect className="tally-bar" x={x(b.x0) + 1} width={Math.max(1, x(b.x1) - x(b.x0) - 2)} y={y(b.count)} height={y(0) - y(b.count)}>
            <title>{`${b.count} predicted ${b.x0}–${b.x1}${unit}`}</title>
          </rect>
          {b.count > 0 && (
            // Inside the bar's top left when it is tall enough: above it sits the measured value's label, through it its line.
            <text className={y(0) - y(b.count) > 24 ? 'bar-count inside' : 'bar-count'} x={x(b.x0) + 8} y={y(0) - y(b.count) > 24 ? y(b.count) + 17 : y(b.count) - 4}>
              {b.count}
            </text>
          )}
        </g>
      ))}
      <line className="axis-line" x1={m.l} x2={W - m.r} y1={y(0)} y2={y(0)} />
      {(bins.length <= 9 ? bins.map((b) => round((b.x0 + b.x1) / 2)) : x.ticks(6)).map((t) => (
        <text key={t} className="tick" x={x(t)} y={h - m.b + 16} textAnchor="middle">
          {t}
        </text>
      ))}
      <text className="tick" x={(m.l + W - m.r) / 2} y={h - 6} textAnchor="middle">
        {prediction.unit || 'predicted value'}
      </text>
      {y.ticks(Math.min(4, top)).map((t) => (
        <text key={`y${t}`} className="tick" x={m.l - 6} y={y(t) + 4} textAnchor="end">
          {t}
        </text>
      ))}
      {measuredNumber !== null && (
        <g className="measured-mark" data-testid="room-measured-mark">
          <rect className="tolerance" x={x(measuredNumber - prediction.tolerance)} width={x(measuredNumber + prediction.tolerance) - x(measuredNumber - prediction.tolerance)} y={m.t} height={y(0) - m.t} />
          <line x1={x(measuredNumber)} x2={x(measuredNumber)} y1={m.t - 6} y2={y(0)} />
          <text x={x(measuredNumber)} y={m.t - 10} textAnchor={x(measuredNumber) > W * 0.7 ? 'end' : x(measuredNumber) < W * 0.3 ? 'start' : 'middle'}>
            measured {round(measuredNumber)}
            {unit}
          </text>
        </g>
      )}
    </svg>
  );
}

/** Choices and orderings as horizontal counts; the measured answer is marked in words, not by colour alone. */
function Counts({ prediction, answers, measured, large }: Props) {
  const counts = countAnswers(prediction, answers);
  if (counts.length === 0) return <p className="muted">No predictions yet.</p>;
  const measuredKey = Array.isArray(measured) ? measured.join('>') : measured === null ? null : String(measured);
  // Each row: the answer in words on its own line, its bar under it (long option texts need the width).
  const rowH = large ? 50 : 38;
  const fontPx = large ? 18 : 13;
  const h = counts.length * rowH + 4;
  const x = scaleLinear().domain([0, Math.max(1, max(counts, (c) => c.count) ?? 1)]).range([0, W - 60]);
  const y = scaleBand<string>().domain(counts.map((c) => c.key)).range([2, h - 2]);
  const barH = rowH - fontPx - 12;
  // What fits on one line of the plot's width at this size (the full text is in the tooltip and the question).
  const maxChars = large ? 34 : 52;
  return (
    <svg className="room-counts" viewBox={`0 0 ${W} ${h}`} role="img" aria-label={`Predictions: ${counts.map((c) => `${c.label}: ${c.count}`).join('; ')}`} data-testid="room-counts">
      {counts.map((c) => {
        const isMeasured = c.key === measuredKey;
        const top = y(c.key)!;
        return (
          <g key={c.key} className={isMeasured ? 'measured' : undefined}>
            <text className="count-label" x={0} y={top + fontPx}>
              {isMeasured ? '✓ ' : ''}
              {c.label.length > maxChars ? `${c.label.slice(0, maxChars - 1)}…` : c.label}
              <title>{c.label}</title>
            </text>
            <rect className="tally-bar" x={0} y={top + fontPx + 5} width={Math.max(c.count ? 2 : 0, x(c.count))} height={barH} />
            <text className="bar-count" x={x(c.count) + 6} y={top + fontPx + 5 + barH - 2}>
              {c.count}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

/** The room's predictions: how many answered, the histogram or the counts, and the measurement once it is in. */
export const RoomTally = memo(function RoomTally(props: Props) {
  const n = props.answers.length;
  return (
    <div className="room-tally">
      <p className="answered" data-testid="room-answered">
        <strong>{n}</strong> {n === 1 ? 'answer' : 'answers'}
        {props.measured !== null && (
          <>
            {' · measured: '}
            <strong data-testid="room-measured">{answerText(props.prediction, props.measured)}</strong>
          </>
        )}
      </p>
      {props.prediction.kind === 'number' ? <Histogram {...props} prediction={props.prediction} /> : <Counts {...props} />}
    </div>
  );
});
