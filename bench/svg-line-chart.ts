import {
  CHART,
  chartScale,
  niceMax,
  ticks,
  type Scale,
} from './chart-scale.ts';
import { element, line, text } from './svg-elements.ts';

export interface ChartSeries {
  name: string;
  points: [x: number, y: number][];
}

export interface LineChart {
  title: string;
  subtitle: string;
  xLabel: string;
  yLabel: string;
  series: ChartSeries[];
  /** When set, x values are indexes into these tick labels. */
  xCategories?: string[];
  /** Dashed horizontal lines, such as a limit. */
  guides?: { y: number; label: string }[];
  formatY?: (value: number) => string;
}

const COLORS = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#ff7f0e'];
const GRID = '#e5e5e5';
const AXIS = '#333';

/**
 * A self-contained SVG line chart: axes from zero with round ticks, one
 * coloured line per series with a legend, optional dashed guides. Written
 * by hand so that reports need no charting dependency.
 */
export function lineChartSvg(chart: LineChart): string {
  const scale = scaleFor(chart);
  const formatY = chart.formatY ?? compact;
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${CHART.width}" ` +
      `height="${CHART.height}" font-family="sans-serif" font-size="12">`,
    element('rect', {
      width: CHART.width,
      height: CHART.height,
      fill: 'white',
    }),
    text(CHART.left, 24, chart.title, {
      'font-size': 16,
      'font-weight': 'bold',
    }),
    text(CHART.left, 42, chart.subtitle, { fill: '#555' }),
    ...yAxis(scale, formatY, chart.yLabel),
    ...xAxis(scale, chart),
    ...(chart.guides ?? []).map((g) => guide(g, scale, formatY)),
    ...chart.series.flatMap((s, i) => seriesLine(s, scale, colorOf(i))),
    ...chart.series.flatMap((s, i) => legend(s.name, i)),
    '</svg>',
  ];
  return parts.join('\n') + '\n';
}

function scaleFor(chart: LineChart): Scale {
  const xs = chart.series.flatMap((s) => s.points.map(([x]) => x));
  const ys = chart.series.flatMap((s) => s.points.map(([, y]) => y));
  const guides = (chart.guides ?? []).map((g) => g.y);
  const xMax = chart.xCategories
    ? Math.max(chart.xCategories.length - 1, 1)
    : niceMax(Math.max(1, ...xs));
  return chartScale(xMax, niceMax(Math.max(1, ...ys, ...guides) * 1.05));
}

function yAxis(
  scale: Scale,
  format: (value: number) => string,
  label: string,
): string[] {
  const middle = (CHART.top + CHART.bottom) / 2;
  return [
    ...ticks(scale.yMax).flatMap((value) => [
      line([CHART.left, scale.y(value)], [CHART.right, scale.y(value)], {
        stroke: GRID,
      }),
      text(CHART.left - 8, scale.y(value) + 4, format(value), {
        'text-anchor': 'end',
      }),
    ]),
    text(18, middle, label, {
      'text-anchor': 'middle',
      transform: `rotate(-90 18 ${middle})`,
    }),
  ];
}

function xAxis(scale: Scale, chart: LineChart): string[] {
  const labelled: [number, string][] = chart.xCategories
    ? chart.xCategories.map((name, i) => [i, name])
    : ticks(scale.xMax).map((value) => [value, compact(value)]);
  return [
    line([CHART.left, CHART.bottom], [CHART.right, CHART.bottom], {
      stroke: AXIS,
    }),
    ...labelled.flatMap(([value, name]) => [
      line([scale.x(value), CHART.bottom], [scale.x(value), CHART.bottom + 5], {
        stroke: AXIS,
      }),
      text(scale.x(value), CHART.bottom + 20, name, {
        'text-anchor': 'middle',
      }),
    ]),
    text((CHART.left + CHART.right) / 2, CHART.height - 16, chart.xLabel, {
      'text-anchor': 'middle',
    }),
  ];
}

function guide(
  g: { y: number; label: string },
  scale: Scale,
  format: (value: number) => string,
): string {
  const y = scale.y(g.y);
  return [
    line([CHART.left, y], [CHART.right, y], {
      stroke: '#888',
      'stroke-dasharray': '6 4',
    }),
    text(CHART.right - 4, y - 6, `${g.label} (${format(g.y)})`, {
      'text-anchor': 'end',
      fill: '#555',
    }),
  ].join('\n');
}

function seriesLine(
  series: ChartSeries,
  scale: Scale,
  color: string,
): string[] {
  const points = series.points.map(([x, y]) => `${scale.x(x)},${scale.y(y)}`);
  const polyline = element('polyline', {
    fill: 'none',
    stroke: color,
    'stroke-width': 2,
    points: points.join(' '),
  });
  // Dots only where they stay readable; a time series has hundreds.
  if (series.points.length > 40) return [polyline];
  const dots = series.points.map(([x, y]) =>
    element('circle', { cx: scale.x(x), cy: scale.y(y), r: 3, fill: color }),
  );
  return [polyline, ...dots];
}

function legend(name: string, index: number): string[] {
  const x = CHART.right + 16;
  const y = CHART.top + 40 + index * 20;
  return [
    line([x, y - 4], [x + 18, y - 4], {
      stroke: colorOf(index),
      'stroke-width': 3,
    }),
    text(x + 24, y, name),
  ];
}

function colorOf(index: number): string {
  return COLORS[index % COLORS.length] as string;
}

/** 12K, 1.5M */
function compact(value: number): string {
  return Intl.NumberFormat('en-US', { notation: 'compact' }).format(value);
}
