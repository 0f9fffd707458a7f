/** Where the plot sits inside the chart, in pixels. */
export const CHART = {
  width: 760,
  height: 440,
  left: 80,
  right: 580,
  top: 60,
  bottom: 380,
} as const;

/** Maps data values to pixels; axes start at zero. */
export interface Scale {
  xMax: number;
  yMax: number;
  x(value: number): number;
  y(value: number): number;
}

export function chartScale(xMax: number, yMax: number): Scale {
  const width = CHART.right - CHART.left;
  const height = CHART.bottom - CHART.top;
  return {
    xMax,
    yMax,
    x: (value) => round(CHART.left + (value / xMax) * width),
    y: (value) => round(CHART.bottom - (value / yMax) * height),
  };
}

/** The next value of the form 1, 2 or 5 times a power of ten. */
export function niceMax(value: number): number {
  const step = niceStep(value);
  return Math.ceil(value / step) * step;
}

/** A round tick interval giving about five ticks up to `max`. */
export function niceStep(max: number): number {
  const rough = max / 5;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10]
    .map((m) => m * power)
    .find((candidate) => candidate >= rough);
  return step ?? power * 10;
}

/** Tick values from 0 to `max` in round steps. */
export function ticks(max: number): number[] {
  const step = niceStep(max);
  const values: number[] = [];
  for (let value = 0; value <= max + step / 1000; value += step) {
    values.push(value);
  }
  return values;
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}
