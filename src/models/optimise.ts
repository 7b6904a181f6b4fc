/**
 * Nelder-Mead minimisation (Nelder & Mead 1965, with the standard coefficients: reflection 1,
 * expansion 2, contraction ½, shrink ½), restarted from its own result until it stops improving,
 * and run from several starting points.
 *
 * Hand-written: the npm optimisers that fit (fmin 0.0.4) have not been maintained since 2016 and
 * ship no types; the method is forty lines. The models call it in log-parameter space, so that
 * every parameter stays positive, and keep it inside bounds by treating outside points as +∞.
 */

export interface Minimum {
  readonly x: readonly number[];
  readonly value: number;
  readonly iterations: number;
  readonly converged: boolean;
}

export interface MinimiseOptions {
  readonly maxIterations?: number;
  /** Converged when the simplex's values differ by less than this … */
  readonly valueTolerance?: number;
  /** … and its vertices by less than this in every coordinate. */
  readonly pointTolerance?: number;
  /** Initial simplex step in each coordinate. */
  readonly step?: number;
}

type Fn = (x: readonly number[]) => number;

const finite = (f: Fn): Fn => (x) => {
  const v = f(x);
  return Number.isFinite(v) ? v : Infinity;
};

/** One Nelder-Mead run from `start`. */
export function nelderMead(fn: Fn, start: readonly number[], opts: MinimiseOptions = {}): Minimum {
  const f = finite(fn);
  const n = start.length;
  const maxIterations = opts.maxIterations ?? 2000 * n;
  const fTol = opts.valueTolerance ?? 1e-10;
  const xTol = opts.pointTolerance ?? 1e-6;
  const step = opts.step ?? 0.5;
  let simplex: number[][] = [start.slice()];
  for (let i = 0; i < n; i++) simplex.push(start.map((v, j) => (j === i ? v + step : v)));
  let values = simplex.map(f);
  const along = (from: readonly number[], to: readonly number[], t: number): number[] => from.map((v, j) => v + t * (to[j]! - v));
  let iterations = 0;
  for (; iterations < maxIterations; iterations++) {
    const order = values.map((_, i) => i).sort((i, j) => values[i]! - values[j]!);
    simplex = order.map((i) => simplex[i]!);
    values = order.map((i) => values[i]!);
    const best = simplex[0]!;
    const spreadX = Math.max(...simplex.slice(1).map((p) => Math.max(...p.map((v, j) => Math.abs(v - best[j]!)))));
    if (Math.abs(values[n]! - values[0]!) <= fTol && spreadX <= xTol) return { x: best, value: values[0]!, iterations, converged: true };
    const centroid = Array.from({ length: n }, (_, j) => simplex.slice(0, n).reduce((s, p) => s + p[j]!, 0) / n);
    const worst = simplex[n]!;
    const reflected = along(centroid, worst, -1);
    const fr = f(reflected);
    if (fr < values[0]!) {
      const expanded = along(centroid, worst, -2);
      const fe = f(expanded);
      [simplex[n], values[n]] = fe < fr ? [expanded, fe] : [reflected, fr];
    } else if (fr < values[n - 1]!) {
      [simplex[n], values[n]] = [reflected, fr];
    } else {
      const outside = fr < values[n]!;
      const contracted = along(centroid, outside ? reflected : worst, 0.5);
      const fc = f(contracted);
      if (fc < (outside ? fr : values[n]!)) {
        [simplex[n], values[n]] = [contracted, fc];
      } else {
        simplex = simplex.map((p, i) => (i === 0 ? p : along(best, p, 0.5)));
        values = simplex.map((p, i) => (i === 0 ? values[0]! : f(p)));
      }
    }
  }
  const i = values.indexOf(Math.min(...values));
  return { x: simplex[i]!, value: values[i]!, iterations, converged: false };
}

/**
 * The best minimum over several starting points; each run is restarted from its result (a fresh
 * simplex) until the value stops improving, as a collapsed simplex can stop short of a minimum.
 */
export function minimise(fn: Fn, starts: readonly (readonly number[])[], opts: MinimiseOptions = {}): Minimum {
  let best: Minimum | null = null;
  let iterations = 0;
  for (const start of starts) {
    let run = nelderMead(fn, start, opts);
    iterations += run.iterations;
    for (let restart = 0; restart < 5 && run.converged; restart++) {
      const again = nelderMead(fn, run.x, { ...opts, step: 0.05 });
      iterations += again.iterations;
      const improved = again.value < run.value - (opts.valueTolerance ?? 1e-10);
      run = again.value <= run.value ? again : run;
      if (!improved) break;
    }
    if (Number.isFinite(run.value) && (best === null || run.value < best.value)) best = run;
  }
  if (best === null) return { x: starts[0] ?? [], value: Infinity, iterations, converged: false };
  return { ...best, iterations };
}

/** A function and its gradient at a point. */
export type FnWithGradient = (x: readonly number[]) => { value: number; gradient: readonly number[] };

export interface BfgsOptions {
  readonly maxIterations?: number;
  /**
   * Converged when every gradient component is below this in absolute value, or below 100 times
   * it when no step lowers the value any more (the value's rounding is reached first).
   */
  readonly gradientTolerance?: number;
}

/** A stalled search counts as converged when the gradient is within this factor of the tolerance. */
const STALL_FACTOR = 100;

const dot = (u: readonly number[], v: readonly number[]): number => u.reduce((s, ui, i) => s + ui * v[i]!, 0);

/**
 * BFGS quasi-Newton minimisation with a backtracking (Armijo) line search (Nocedal & Wright,
 * Numerical Optimization, algorithm 6.1 with the initial scaling of eq. 6.20). For smooth
 * objectives with an analytic gradient it needs tens of evaluations where Nelder-Mead needs
 * hundreds. Points outside the objective's domain (+∞ or NaN) shorten the step.
 */
export function bfgs(fg: FnWithGradient, start: readonly number[], opts: BfgsOptions = {}): Minimum {
  const n = start.length;
  const maxIterations = opts.maxIterations ?? 200;
  const gTol = opts.gradientTolerance ?? 1e-8;
  const evaluate = (x: readonly number[]): { value: number; gradient: readonly number[] } => {
    const r = fg(x);
    return Number.isFinite(r.value) && r.gradient.every(Number.isFinite) ? r : { value: Infinity, gradient: r.gradient };
  };
  let x = start.slice();
  let { value, gradient: g } = evaluate(x);
  if (!Number.isFinite(value)) return { x, value: Infinity, iterations: 0, converged: false };
  let H: number[][] = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 1 : 0)));
  for (let iteration = 0; iteration < maxIterations; iteration++) {
    if (g.every((v) => Math.abs(v) <= gTol)) return { x, value, iterations: iteration, converged: true };
    let d = H.map((row) => -dot(row, g));
    if (dot(g, d) >= 0) {
      // Not a descent direction (rounding): start again from steepest descent.
      H = H.map((row, i) => row.map((_, j) => (i === j ? 1 : 0)));
      d = g.map((v) => -v);
    }
    const slope = dot(g, d);
    // Armijo's sufficient decrease, and a strict one: near the minimum the value's rounding
    // (about 1e-16 of it) hides the decrease, and equal values would let the steps wander.
    const accepted = (v: number): boolean => v <= value + 1e-4 * t * slope && v < value;
    let t = 1;
    let next = evaluate(x.map((v, i) => v + t * d[i]!));
    while (!accepted(next.value) && t > 1e-12) {
      t /= 2;
      next = evaluate(x.map((v, i) => v + t * d[i]!));
    }
    // No step lowers the value: the minimum to rounding precision, if the gradient is nearly flat.
    if (!accepted(next.value)) return { x, value, iterations: iteration, converged: g.every((v) => Math.abs(v) <= STALL_FACTOR * gTol) };
    const s = d.map((v) => t * v);
    const y = next.gradient.map((v, i) => v - g[i]!);
    const sy = dot(s, y);
    x = x.map((v, i) => v + s[i]!);
    value = next.value;
    g = next.gradient;
    if (sy <= 1e-300) continue;
    if (iteration === 0) H = H.map((row) => row.map((v) => (v * sy) / dot(y, y)));
    // H ← (I − ρ s yᵀ) H (I − ρ y sᵀ) + ρ s sᵀ, with ρ = 1 / (yᵀ s).
    const rho = 1 / sy;
    const Hy = H.map((row) => dot(row, y));
    const yHy = dot(y, Hy);
    H = H.map((row, i) => row.map((v, j) => v - rho * (Hy[i]! * s[j]! + s[i]! * Hy[j]!) + (rho * rho * yHy + rho) * s[i]! * s[j]!));
  }
  return { x, value, iterations: maxIterations, converged: g.every((v) => Math.abs(v) <= gTol) };
}

/** The best BFGS minimum over several starting points (ties: the earlier start). */
export function bfgsFromStarts(fg: FnWithGradient, starts: readonly (readonly number[])[], opts: BfgsOptions = {}): Minimum {
  let best: Minimum | null = null;
  let iterations = 0;
  for (const start of starts) {
    const run = bfgs(fg, start, opts);
    iterations += run.iterations;
    if (Number.isFinite(run.value) && (best === null || run.value < best.value)) best = run;
  }
  if (best === null) return { x: starts[0] ?? [], value: Infinity, iterations, converged: false };
  return { ...best, iterations };
}
