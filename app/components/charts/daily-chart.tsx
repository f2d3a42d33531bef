// Installs and uninstalls per UTC day as two lines, drawn by @visx as plain SVG on the server (no measuring,
// no script needed). A range of a year still fits: ticks are thinned to about eight labelled days. The page
// puts the same numbers in a table for screen readers and says that days are UTC days.
import { AxisBottom, AxisLeft } from "@visx/axis";
import { Group } from "@visx/group";
import { scaleLinear, scalePoint } from "@visx/scale";
import { LinePath } from "@visx/shape";

export interface DayDatum {
  day: string;
  installs: number;
  uninstalls: number;
}

const WIDTH = 720;
const HEIGHT = 240;
const MARGIN = { top: 12, right: 16, bottom: 32, left: 48 };
const LABELLED_DAYS = 8;

export function DailyChart({
  days,
  title,
  formatDay,
  formatValue,
}: {
  days: DayDatum[];
  title: string;
  /** A UTC day (YYYY-MM-DD) as a short label. */
  formatDay: (day: string) => string;
  formatValue: (value: number) => string;
}) {
  const innerWidth = WIDTH - MARGIN.left - MARGIN.right;
  const innerHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
  const x = scalePoint({ domain: days.map((datum) => datum.day), range: [0, innerWidth] });
  const most = Math.max(1, ...days.map((datum) => Math.max(datum.installs, datum.uninstalls)));
  const y = scaleLinear({ domain: [0, most], range: [innerHeight, 0], nice: true });
  const every = Math.max(1, Math.ceil(days.length / LABELLED_DAYS));
  const tickDays = days.filter((_, index) => index % every === 0).map((datum) => datum.day);
  const at = (datum: DayDatum) => x(datum.day) ?? 0;
  return (
    <svg
      className="chart chart-daily"
      width={WIDTH}
      height={HEIGHT}
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
      role="img"
      aria-label={title}
    >
      <Group left={MARGIN.left} top={MARGIN.top}>
        <AxisLeft
          scale={y}
          numTicks={5}
          axisClassName="chart-axis"
          tickFormat={(value) => formatValue(Number(value))}
          tickLabelProps={{ className: "chart-tick", fill: "currentColor", fontFamily: "inherit", fontSize: 11 }}
        />
        <AxisBottom
          scale={x}
          top={innerHeight}
          tickValues={tickDays}
          axisClassName="chart-axis"
          tickFormat={formatDay}
          tickLabelProps={{ className: "chart-tick", fill: "currentColor", fontFamily: "inherit", fontSize: 11 }}
        />
        <LinePath data={days} x={at} y={(datum) => y(datum.installs)} className="chart-line chart-installs" />
        <LinePath data={days} x={at} y={(datum) => y(datum.uninstalls)} className="chart-line chart-uninstalls" />
      </Group>
    </svg>
  );
}
