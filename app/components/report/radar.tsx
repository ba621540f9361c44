/**
 * A radar of a level's profiles, drawn as SVG on the server. The drawing scales with its container (a
 * viewBox, no fixed pixel size), so it fits a phone, the page and the printed A4 alike, and the axis labels
 * are laid out inside the drawing's own box, so no screen size can cut them off.
 */
export interface RadarSeries {
  key: string;
  name: string;
  stroke: string;
  dash?: string;
  fillOpacity?: number;
  /** Shares per axis, in axis order. */
  values: number[];
}

const WIDTH = 410;
const HEIGHT = 310;
const CX = WIDTH / 2;
const CY = HEIGHT / 2;
const RADIUS = 92;
const FONT = 14;
const LINE = 16;
/** Label lines are wrapped at this many characters, so a side label stays within the drawing. */
const WRAP = 12;

/** Splits a label into lines of at most WRAP characters (at spaces; a longer word stays whole). */
export function wrapLabel(label: string, width = WRAP): string[] {
  const lines: string[] = [];
  for (const word of label.split(/\s+/).filter(Boolean)) {
    const last = lines.at(-1);
    if (last !== undefined && last.length + 1 + word.length <= width) lines[lines.length - 1] = `${last} ${word}`;
    else lines.push(word);
  }
  return lines;
}

const point = (axis: number, axes: number, r: number) => {
  const angle = -Math.PI / 2 + (2 * Math.PI * axis) / axes;
  return [CX + r * Math.cos(angle), CY + r * Math.sin(angle)] as const;
};

export function Radar({ axes, series, max, label }: { axes: string[]; series: RadarSeries[]; max: number; label: string }) {
  const n = axes.length;
  const polygon = (values: number[], scale = 1) =>
    values
      .map((value, i) => point(i, n, (RADIUS * Math.max(0, Math.min(value, max)) * scale) / max))
      .map(([x, y]) => `${x.toFixed(1)},${y.toFixed(1)}`)
      .join(" ");
  const rings = [0.25, 0.5, 0.75, 1];
  return (
    <svg className="radar chart" viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={label} preserveAspectRatio="xMidYMid meet">
      <title>{label}</title>
      <g className="radar__grid" fill="none" stroke="#c5ccd6" strokeWidth={1}>
        {rings.map((ring) => (
          <polygon key={ring} points={polygon(axes.map(() => max), ring)} />
        ))}
        {axes.map((axis, i) => {
          const [x, y] = point(i, n, RADIUS);
          return <line key={axis} x1={CX} y1={CY} x2={x.toFixed(1)} y2={y.toFixed(1)} />;
        })}
      </g>
      {series.map((s) => (
        <polygon
          key={s.key}
          className="radar__series"
          points={polygon(s.values)}
          fill={s.stroke}
          fillOpacity={s.fillOpacity ?? 0}
          stroke={s.stroke}
          strokeWidth={2.5}
          strokeDasharray={s.dash}
          strokeLinejoin="round"
        >
          <title>{s.name}</title>
        </polygon>
      ))}
      {axes.map((axis, i) => {
        const [x, y] = point(i, n, RADIUS + 12);
        const cos = (x - CX) / (RADIUS + 12);
        const sin = (y - CY) / (RADIUS + 12);
        const lines = wrapLabel(axis);
        const anchor = cos > 0.3 ? "start" : cos < -0.3 ? "end" : "middle";
        // Above the top axis the last line sits on the ring; below the bottom one the first line hangs from it.
        const first = sin < -0.3 ? y - (lines.length - 1) * LINE - 4 : sin > 0.3 ? y + FONT : y - ((lines.length - 1) * LINE) / 2 + FONT * 0.35;
        return (
          <text key={axis} className="radar__label" x={x.toFixed(1)} y={first.toFixed(1)} textAnchor={anchor} fontSize={FONT} fill="#1b2430">
            {lines.map((line, k) => (
              <tspan key={k} x={x.toFixed(1)} dy={k === 0 ? 0 : LINE}>
                {line}
              </tspan>
            ))}
          </text>
        );
      })}
      <text className="radar__scale" x={8} y={HEIGHT - 8} fontSize={11} fill="#4a5565">
        Outer ring: {Math.round(max * 100)}%
      </text>
    </svg>
  );
}
