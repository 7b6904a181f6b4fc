/**
 * Special functions for the models, from @stdlib (log-gamma, log-beta, the Gauss hypergeometric
 * function 2F1, a port of Cephes), plus the one small helper they need: a stable log(e^a + e^b).
 */
import gammalnImpl from '@stdlib/math-base-special-gammaln';
import betalnImpl from '@stdlib/math-base-special-betaln';
import hyp2f1Impl from '@stdlib/math-base-special-hyp2f1';

/** ln Γ(x). */
export const gammaln: (x: number) => number = gammalnImpl;

/** ln B(a, b). */
export const betaln: (a: number, b: number) => number = betalnImpl;

/** 2F1(a, b; c; z), the Gauss hypergeometric function. */
export const hyp2f1: (a: number, b: number, c: number, z: number) => number = hyp2f1Impl;

/** log(e^a + e^b) without overflow; -Infinity terms drop out. */
export function logAddExp(a: number, b: number): number {
  if (a === -Infinity) return b;
  if (b === -Infinity) return a;
  const m = Math.max(a, b);
  return m + Math.log(Math.exp(a - m) + Math.exp(b - m));
}
