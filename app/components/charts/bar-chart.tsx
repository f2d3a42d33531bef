// Horizontal bars for a few categories (versions in use, OS mix), drawn by @visx as plain SVG elements, so
// the server's HTML holds the whole chart: it shows before any script runs and needs no measuring. The
// width is fixed and the SVG scales down with the page (viewBox). The chart is a picture for sighted readers;
// the page puts the same numbers in a table next to it.
import { AxisLeft } from "@visx/axis";
import { Group } from "@visx/group";
import { scaleBand, scaleLinear } from "@visx/scale";
import { Bar } from "@visx/shape";

export interface BarDatum {
  label: string;
  value: number;
}

const WIDTH = 560;
const BAR_ROW = 28;
const MARGIN = { top: 8, right: 56, bottom: 8, left: 120 };

export function BarChart({
  data,
  title,
  formatValue,
}: {
  data: readonly BarDatum[];
  /** Says what the chart shows (its accessible name). */
  title: string;
  formatValue: (value: number) => string;
}) {
  const height = MARGIN.top + MARGIN.bottom + Math.max(1, data.length) * BAR_ROW;
  const innerWidth = WIDTH - MARGIN.left - MARGIN.right;
  const y = scaleBand({
    domain: data.map((datum) => datum.label),
    range: [0, height - MARGIN.top - MARGIN.bottom],
    padding: 0.25,
  });
  const x = scaleLinear({ domain: [0, Math.max(1, ...data.map((datum) => datum.value))], range: [0, innerWidth] });
  return (
    <svg
      className="chart chart-bars"
      width={WIDTH}
      height={height}
      viewBox={`0 0 ${WIDTH} ${height}`}
      role="img"
      aria-label={title}
    >
      <Group left={MARGIN.left} top={MARGIN.top}>
        {data.map((datum) => {
          const top = y(datum.label) ?? 0;
          const width = x(datum.value);
          return (
            <g key={datum.label} className="chart-bar">
              <Bar x={0} y={top} width={width} height={y.bandwidth()} className="chart-fill" />
              <text x={width + 6} y={top + y.bandwidth() / 2} dy="0.35em" className="chart-value">
                {formatValue(datum.value)}
              </text>
            </g>
          );
        })}
        <AxisLeft
          scale={y}
          hideTicks
          axisClassName="chart-axis"
          tickFormat={(label) => (label.length > 18 ? `${label.slice(0, 17)}…` : label)}
          tickLabelProps={{ className: "chart-tick", fill: "currentColor", fontFamily: "inherit", fontSize: 12 }}
        />
      </Group>
    </svg>
  );
}
