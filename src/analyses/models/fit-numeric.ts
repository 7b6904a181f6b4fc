/**
 * Maximum likelihood for the small models without an analytic gradient (the limits of the
 * purchase models, the Pareto/NBD): BFGS (./optimise.ts) on a central-difference gradient in a
 * transformed space where every parameter is free (log for positive ones, logit for
 * probabilities); and standard errors from the inverse of a central-difference Hessian of the
 * log-likelihood at the optimum, in the parameters as stated.
 */
import { bfgsFromStarts } from './optimise.js';

export type ParamKind = 'positive' | 'probability';

/** Transformed parameters beyond ±BOUND are outside the models' sensible range. */
const BOUND = 15;
/** Beyond ±EXTREME (about 1e-3 … 1e3, or a probability within 1e-3 of 0 or 1), a limit is near. */
const EXTREME = 6.9;

const toFree = (kind: ParamKind, v: number): number => (kind === 'positive' ? Math.log(v) : Math.log(v / (1 - v)));
const fromFree = (kind: ParamKind, u: number): number => (kind === 'positive' ? Math.exp(u) : 1 / (1 + Math.exp(-u)));

export interface NumericFit {
  readonly theta: number[];
  /** BFGS's inverse Hessian in the transformed space, to warm-start a refinement. */
  readonly inverseHessian?: readonly (readonly number[])[];
  readonly logLikelihood: number;
  readonly iterations: number;
  readonly converged: boolean;
  readonly extreme: boolean;
}

/**
 * Maximises `logLikelihood` (of `n` customers) from the given starts (in the stated parameters).
 * The objective is scaled by 1/n, so that tolerances do not depend on the number of customers.
 */
export function fitNumeric(
  logLikelihood: (theta: readonly number[]) => number,
  kinds: readonly ParamKind[],
  starts: readonly (readonly number[])[],
  n: number,
  gradientTolerance = 1e-8,
  inverseHessian?: readonly (readonly number[])[],
): NumericFit {
  const unpack = (u: readonly number[]): number[] => u.map((v, i) => fromFree(kinds[i]!, v));
  const value = (u: readonly number[]): number => (u.some((v) => Math.abs(v) > BOUND) ? Infinity : -logLikelihood(unpack(u)) / n);
  const h = 1e-6;
  const objective = (u: readonly number[]): { value: number; gradient: number[] } => {
    const f = value(u);
    if (!Number.isFinite(f)) return { value: Infinity, gradient: u.map(() => 0) };
    const gradient = u.map((_, i) => {
      const plus = u.slice();
      const minus = u.slice();
      plus[i]! += h;
      minus[i]! -= h;
      return (value(plus) - value(minus)) / (2 * h);
    });
    return { value: f, gradient };
  };
  const best = bfgsFromStarts(objective, starts.map((s) => s.map((v, i) => toFree(kinds[i]!, v))), { gradientTolerance, ...(inverseHessian ? { inverseHessian } : {}) });
  return {
    theta: unpack(best.x),
    ...(best.inverseHessian ? { inverseHessian: best.inverseHessian } : {}),
    logLikelihood: -best.value * n,
    iterations: best.iterations,
    converged: best.converged && Number.isFinite(best.value),
    extreme: best.x.some((v) => Math.abs(v) > EXTREME),
  };
}

/** The inverse of a symmetric matrix by Gauss-Jordan elimination with partial pivoting; null when singular. */
export function invert(m: readonly (readonly number[])[]): number[][] | null {
  const n = m.length;
  const a = m.map((row, i) => [...row, ...Array.from({ length: n }, (_, j) => (i === j ? 1 : 0))]);
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(a[r]![col]!) > Math.abs(a[pivot]![col]!)) pivot = r;
    if (!(Math.abs(a[pivot]![col]!) > 1e-300)) return null;
    [a[col], a[pivot]] = [a[pivot]!, a[col]!];
    const p = a[col]![col]!;
    a[col] = a[col]!.map((v) => v / p);
    for (let r = 0; r < n; r++) {
      if (r === col) continue;
      const f = a[r]![col]!;
      if (f !== 0) a[r] = a[r]!.map((v, j) => v - f * a[col]![j]!);
    }
  }
  return a.map((row) => row.slice(n));
}

/**
 * Standard errors: the square roots of the diagonal of the inverse of minus the Hessian of ln L
 * at the optimum (the observed information), by central differences with steps of 1e-4 of each
 * parameter. Null for a parameter when the Hessian is singular or not negative there (the
 * optimum is at a limit, where the parameter is not identified).
 */
export function standardErrors(logLikelihood: (theta: readonly number[]) => number, theta: readonly number[]): (number | null)[] {
  const n = theta.length;
  const h = theta.map((v) => 1e-4 * Math.max(Math.abs(v), 1e-8));
  const at = (i: number, di: number, j: number, dj: number): number => {
    const q = theta.slice();
    q[i]! += di * h[i]!;
    q[j]! += dj * h[j]!;
    return logLikelihood(q);
  };
  // The diagonal from three points (f(θ ± 2h) and f(θ) with the step doubled), the rest from four:
  // n(n − 1)/2 · 4 + 2n + 1 evaluations instead of 4n².
  const centre = logLikelihood(theta);
  const H = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let i = 0; i < n; i++) {
    H[i]![i] = (at(i, 1, i, 1) - 2 * centre + at(i, -1, i, -1)) / (4 * h[i]! * h[i]!);
    for (let j = 0; j < i; j++) {
      const v = (at(i, 1, j, 1) - at(i, 1, j, -1) - at(i, -1, j, 1) + at(i, -1, j, -1)) / (4 * h[i]! * h[j]!);
      H[i]![j] = v;
      H[j]![i] = v;
    }
  }
  const inverse = invert(H.map((row) => row.map((v) => -v)));
  return theta.map((_, i) => {
    const v = inverse?.[i]?.[i];
    return v !== undefined && Number.isFinite(v) && v > 0 ? Math.sqrt(v) : null;
  });
}

/** Computed once, when first read: the bootstrap's refits never read their standard errors. */
export function memo<T>(f: () => T): () => T {
  let done = false;
  let value: T;
  return () => {
    if (!done) {
      value = f();
      done = true;
    }
    return value;
  };
}
