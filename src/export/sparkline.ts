import { PNG } from 'pngjs';
import type { TargetSeries } from '../domain/status/targetSeries';

const WIDTH = 240;
const HEIGHT = 60;
const BAR = [31, 92, 153, 255];
const GOAL = [200, 80, 0, 255];
const AXIS = [160, 160, 160, 255];

/**
 * A small chart of a target for the yearly report: a bar a month for the cumulative figure, and
 * the goal line across. A PNG (pngjs, pure JavaScript) because Word needs a bitmap beside any
 * vector image, and this project builds no native canvas. Undefined when nothing was logged.
 */
export function sparkline(series: TargetSeries): Buffer | undefined {
  if (!series.points.length) return undefined;
  const png = new PNG({ width: WIDTH, height: HEIGHT });
  png.data.fill(255);
  const set = (x: number, y: number, c: number[]) => {
    if (x < 0 || y < 0 || x >= WIDTH || y >= HEIGHT) return;
    const i = (y * WIDTH + x) * 4;
    for (let k = 0; k < 4; k++) png.data[i + k] = c[k]!;
  };
  const max = Math.max(1, ...series.points.map((p) => p.value), ...series.goal.map((g) => g.value));
  const slot = WIDTH / series.months.length;
  const y = (v: number) => HEIGHT - 2 - Math.round((v / max) * (HEIGHT - 4));
  for (let x = 0; x < WIDTH; x++) set(x, HEIGHT - 1, AXIS);
  // A month without logs keeps the figure it had: the bar stays at the last point's height.
  let last = 0;
  series.months.forEach((month, i) => {
    const point = series.points.find((p) => p.month === month);
    if (point) last = point.value;
    else if (!series.points.some((p) => p.month > month)) return;
    const top = y(last);
    for (let x = Math.round(i * slot) + 2; x < Math.round((i + 1) * slot) - 2; x++) for (let yy = top; yy < HEIGHT - 1; yy++) set(x, yy, BAR);
  });
  series.goal.forEach((g, i) => {
    const gy = y(g.value);
    for (let x = Math.round(i * slot); x < Math.round((i + 1) * slot); x++) {
      set(x, gy, GOAL);
      set(x, gy - 1, GOAL);
    }
  });
  return PNG.sync.write(png);
}
