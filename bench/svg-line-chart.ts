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
  formatX?: (value: number) => string;
}

const WIDTH = 760;
const HEIGHT = 440;
const PLOT = { left: 80, right: 180, top: 60, bottom: 60 };
const COLORS = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#ff7f0e'];

/**
 * A self-contained SVG line chart: axes from zero with round ticks, one
 * coloured line per series with a legend, optional dashed guides. Written
 * by hand so that reports need no charting dependency.
 */
export function lineChartSvg(chart: LineChart): string {
  const xs = chart.series.flatMap((s) => s.points.map(([x]) => x));
  const ys = chart.series.flatMap((s) => s.points.map(([, y]) => y));
  const guideYs = (chart.guides ?? []).map((g) => g.y);
  const xMax = chart.xCategories
    ? Math.max(chart.xCategories.length - 1, 1)
    : niceMax(Math.max(1, ...xs));
  const yMax = niceMax(Math.max(1, ...ys, ...guideYs) * 1.05);
  const scale = plotScale(xMax, yMax);
  const formatY = chart.formatY ?? compact;
  const formatX = chart.formatX ?? compact;

  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" font-family="sans-serif" font-size="12">`,
    `<rect width="${WIDTH}" height="${HEIGHT}" fill="white"/>`,
    text(PLOT.left, 24, chart.title, 'font-size="16" font-weight="bold"'),
    text(PLOT.left, 42, chart.subtitle, 'fill="#555"'),
    ...yAxis(yMax, scale, formatY, chart.yLabel),
    ...(chart.xCategories
      ? categoryAxis(chart.xCategories, scale, chart.xLabel)
      : xAxis(xMax, scale, formatX, chart.xLabel)),
    ...(chart.guides ?? []).map((g) => guide(g, scale, formatY)),
    ...chart.series.map((s, i) =>
      line(s, scale, COLORS[i % COLORS.length] as string),
    ),
    ...chart.series.map((s, i) =>
      legend(s.name, i, COLORS[i % COLORS.length] as string),
    ),
    '</svg>',
  ];
  return parts.join('\n') + '\n';
}

interface Scale {
  x(value: number): number;
  y(value: number): number;
}

function plotScale(xMax: number, yMax: number): Scale {
  const width = WIDTH - PLOT.left - PLOT.right;
  const height = HEIGHT - PLOT.top - PLOT.bottom;
  return {
    x: (value) => PLOT.left + (value / xMax) * width,
    y: (value) => PLOT.top + height - (value / yMax) * height,
  };
}

function yAxis(
  yMax: number,
  scale: Scale,
  format: (value: number) => string,
  label: string,
): string[] {
  const step = niceStep(yMax);
  const parts: string[] = [];
  for (let value = 0; value <= yMax + step / 1000; value += step) {
    const y = round(scale.y(value));
    parts.push(
      `<line x1="${PLOT.left}" x2="${WIDTH - PLOT.right}" y1="${y}" y2="${y}" stroke="#e5e5e5"/>`,
      text(PLOT.left - 8, y + 4, format(value), 'text-anchor="end"'),
    );
  }
  const middle = round((PLOT.top + HEIGHT - PLOT.bottom) / 2);
  parts.push(
    text(
      18,
      middle,
      label,
      `text-anchor="middle" transform="rotate(-90 18 ${middle})"`,
    ),
  );
  return parts;
}

function xAxis(
  xMax: number,
  scale: Scale,
  format: (value: number) => string,
  label: string,
): string[] {
  const step = niceStep(xMax);
  const parts = [baseline()];
  for (let value = 0; value <= xMax + step / 1000; value += step) {
    parts.push(tick(round(scale.x(value)), format(value)));
  }
  parts.push(axisLabel(label));
  return parts;
}

function categoryAxis(labels: string[], scale: Scale, label: string): string[] {
  return [
    baseline(),
    ...labels.map((name, i) => tick(round(scale.x(i)), name)),
    axisLabel(label),
  ];
}

function baseline(): string {
  const y = HEIGHT - PLOT.bottom;
  return `<line x1="${PLOT.left}" x2="${WIDTH - PLOT.right}" y1="${y}" y2="${y}" stroke="#333"/>`;
}

function tick(x: number, name: string): string {
  const y = HEIGHT - PLOT.bottom;
  return (
    `<line x1="${x}" x2="${x}" y1="${y}" y2="${y + 5}" stroke="#333"/>\n` +
    text(x, y + 20, name, 'text-anchor="middle"')
  );
}

function axisLabel(label: string): string {
  const middle = round((PLOT.left + WIDTH - PLOT.right) / 2);
  return text(middle, HEIGHT - 16, label, 'text-anchor="middle"');
}

function guide(
  g: { y: number; label: string },
  scale: Scale,
  format: (value: number) => string,
): string {
  const y = round(scale.y(g.y));
  const right = WIDTH - PLOT.right;
  return (
    `<line x1="${PLOT.left}" x2="${right}" y1="${y}" y2="${y}" stroke="#888" stroke-dasharray="6 4"/>\n` +
    text(
      right - 4,
      y - 6,
      `${g.label} (${format(g.y)})`,
      'text-anchor="end" fill="#555"',
    )
  );
}

function line(series: ChartSeries, scale: Scale, color: string): string {
  const points = series.points
    .map(([x, y]) => `${round(scale.x(x))},${round(scale.y(y))}`)
    .join(' ');
  const dots =
    series.points.length <= 40
      ? series.points
          .map(
            ([x, y]) =>
              `<circle cx="${round(scale.x(x))}" cy="${round(scale.y(y))}" r="3" fill="${color}"/>`,
          )
          .join('\n')
      : '';
  return `<polyline fill="none" stroke="${color}" stroke-width="2" points="${points}"/>\n${dots}`;
}

function legend(name: string, index: number, color: string): string {
  const x = WIDTH - PLOT.right + 16;
  const y = PLOT.top + 40 + index * 20;
  return (
    `<line x1="${x}" x2="${x + 18}" y1="${y - 4}" y2="${y - 4}" stroke="${color}" stroke-width="3"/>\n` +
    text(x + 24, y, name, '')
  );
}

function text(
  x: number,
  y: number,
  content: string,
  attributes: string,
): string {
  return `<text x="${x}" y="${y}" ${attributes}>${escapeXml(content)}</text>`;
}

function escapeXml(value: string): string {
  return value
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;');
}

/** The next value of the form 1, 2 or 5 times a power of ten. */
function niceMax(value: number): number {
  const step = niceStep(value);
  return Math.ceil(value / step) * step;
}

/** A round tick interval giving about five ticks up to `max`. */
function niceStep(max: number): number {
  const rough = max / 5;
  const power = 10 ** Math.floor(Math.log10(rough));
  const [step] = [1, 2, 5, 10]
    .map((m) => m * power)
    .filter((candidate) => candidate >= rough);
  return step ?? power * 10;
}

/** 12k, 1.5M */
function compact(value: number): string {
  return Intl.NumberFormat('en-US', { notation: 'compact' }).format(value);
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}
