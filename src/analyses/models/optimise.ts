/**
 * BFGS minimisation with a backtracking line search, from one or several starting points.
 *
 * Hand-written: the npm optimisers that fit (fmin 0.0.4, with a Nelder-Mead and a conjugate
 * gradient) have not been maintained since 2016 and ship no types; BFGS is fifty lines. The
 * models call it in log-parameter space, so that every parameter stays positive, and keep it
 * inside bounds by treating outside points as +∞. (Nelder-Mead, used before, needed hundreds of
 * passes over 200,000 customers where BFGS with the analytic gradient needs tens.)
 */

export interface Minimum {
  readonly x: readonly number[];
  readonly value: number;
  readonly iterations: number;
  readonly converged: boolean;
  /** BFGS's approximation of the inverse Hessian where it stopped (to warm-start a refinement). */
  readonly inverseHessian?: readonly (readonly number[])[];
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
  /** A starting inverse Hessian (a previous run's, on nearly the same objective); default the identity. */
  readonly inverseHessian?: readonly (readonly number[])[];
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
  const warm = opts.inverseHessian !== undefined;
  let H: number[][] = opts.inverseHessian?.map((row) => [...row]) ?? Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 1 : 0)));
  for (let iteration = 0; iteration < maxIterations; iteration++) {
    if (g.every((v) => Math.abs(v) <= gTol)) return { x, value, iterations: iteration, converged: true, inverseHessian: H };
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
    if (!accepted(next.value)) return { x, value, iterations: iteration, converged: g.every((v) => Math.abs(v) <= STALL_FACTOR * gTol), inverseHessian: H };
    const s = d.map((v) => t * v);
    const y = next.gradient.map((v, i) => v - g[i]!);
    const sy = dot(s, y);
    x = x.map((v, i) => v + s[i]!);
    value = next.value;
    g = next.gradient;
    if (sy <= 1e-300) continue;
    if (iteration === 0 && !warm) H = H.map((row) => row.map((v) => (v * sy) / dot(y, y)));
    // H ← (I − ρ s yᵀ) H (I − ρ y sᵀ) + ρ s sᵀ, with ρ = 1 / (yᵀ s).
    const rho = 1 / sy;
    const Hy = H.map((row) => dot(row, y));
    const yHy = dot(y, Hy);
    H = H.map((row, i) => row.map((v, j) => v - rho * (Hy[i]! * s[j]! + s[i]! * Hy[j]!) + (rho * rho * yHy + rho) * s[i]! * s[j]!));
  }
  return { x, value, iterations: maxIterations, converged: g.every((v) => Math.abs(v) <= gTol), inverseHessian: H };
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
