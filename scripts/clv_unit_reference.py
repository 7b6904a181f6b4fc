#!/usr/bin/env python3
"""Independent reference values for test/unit/analyses/models/{bgnbd,pareto-nbd,gamma-gamma}.test.ts
(issue 27, mutation testing of the CLV models): the formulas written again from the papers with
scipy.special, as in scripts/clv_reference.py. Run: /usr/bin/python3 scripts/clv_unit_reference.py"""
import numpy as np
from scipy.special import gammaln, betaln, hyp2f1, digamma
from scipy.optimize import minimize

P = [0.243, 4.414, 0.793, 2.426]

def bg_ll(p, x, tx, T, shift=0):
    r, al, a, b = p
    xe = x + shift
    common = gammaln(r + x) - gammaln(r) + r * np.log(al)
    stay = betaln(a, b + xe) - betaln(a, b) - (r + x) * np.log(al + T)
    if xe == 0:
        return common + stay
    left = betaln(a + 1, b + xe - 1) - betaln(a, b) - (r + x) * np.log(al + tx)
    return common + np.logaddexp(stay, left)

def bg_cond(p, x, tx, T, t, shift=0):
    """lifetimes' BetaGeoFitter / ModifiedBetaGeoFitter conditional_expected_number_of_purchases_up_to_time."""
    r, al, a, b = p
    xe = x + shift
    hyp = hyp2f1(r + x, b + xe, a + b + xe - 1, t / (al + T + t))
    first = (a + b + xe - 1) / (a - 1)
    second = 1 - hyp * ((al + T) / (al + t + T)) ** (r + x)
    if xe == 0:
        alive = 1.0
    else:
        alive = 1 / (1 + (a / (b + xe - 1)) * ((al + T) / (al + tx)) ** (r + x))
    return first * second * alive

def bg_uncond(p, t):
    r, al, a, b = p
    return (a + b - 1) / (a - 1) * (1 - (al / (al + t)) ** r * hyp2f1(r, b, a + b - 1, t / (al + t)))

if __name__ == '__main__':
    print('MBG/NBD ln L (shift 1):', [float(bg_ll(P, *c, shift=1)) for c in [(0, 0, 38.86), (2, 30.43, 38.86), (10, 35, 38)]])
    print('BG/NBD ln L, leaving after the last dominates (x=3, t_x=1, T=60):', float(bg_ll(P, 3, 1, 60)))
    print('MBG/NBD E[Y(t)]:', [float(bg_cond(P, *c, shift=1)) for c in [(0, 0, 38.86, 39), (2, 30.43, 38.86, 39)]])
    # a = 1: the limit, from a = 1 ± 1e-4 (the formula is singular at a = 1 itself).
    q = lambda a: [P[0], P[1], a, P[3]]
    print('BG/NBD at a = 1, E[X(39)]:', (bg_uncond(q(1 - 1e-4), 39) + bg_uncond(q(1 + 1e-4), 39)) / 2)
    print('BG/NBD at a = 1, E[Y(39) | 2, 30, 38]:', (bg_cond(q(1 - 1e-4), 2, 30, 38, 39) + bg_cond(q(1 + 1e-4), 2, 30, 38, 39)) / 2)
    # Gamma-Gamma: ln f summed, and its gradient at (p, q, gamma) on five histories.
    xs = np.array([1, 1, 2, 3, 5.0]); ms = np.array([10, 30, 20, 12, 25.0])
    def gg(v):
        p, qq, g = v
        px = p * xs
        return np.sum(gammaln(px + qq) - gammaln(px) - gammaln(qq) + qq * np.log(g) + (px - 1) * np.log(ms) + px * np.log(xs) - (px + qq) * np.log(xs * ms + g))
    v = np.array([2.0, 3.0, 15.0])
    print('Gamma-Gamma ln L at (2, 3, 15):', gg(v))
    p, qq, g = v
    px = p * xs
    grad = [np.sum(xs * (digamma(px + qq) - digamma(px) + np.log(xs) + np.log(ms) - np.log(xs * ms + g))),
            np.sum(digamma(px + qq) - digamma(qq) + np.log(g) - np.log(xs * ms + g)),
            np.sum(qq / g - (px + qq) / (xs * ms + g))]
    print('Gamma-Gamma gradient (digamma):', grad)
    print('digamma(0.5, 1, 3.7, 40):', [float(digamma(z)) for z in [0.5, 1, 3.7, 40]])
    res = minimize(lambda u: -gg(np.exp(u)), np.log([1, 1, 1]), method='Nelder-Mead', options={'xatol': 1e-10, 'fatol': 1e-12, 'maxiter': 40000, 'maxfev': 40000})
    print('Gamma-Gamma fit on the five:', np.exp(res.x), -res.fun)

def gg_sample(seed, n, p, q, g):
    """Spend histories drawn from the Gamma-Gamma model itself (numpy, seeded), rounded to cents."""
    rng = np.random.default_rng(seed)
    out = []
    for i in range(n):
        x = 1 + i % 5
        nu = rng.gamma(q, 1 / g)
        m = rng.gamma(p, 1 / nu, size=x).mean()
        out.append((x, round(float(m), 2)))
    return out

def gg_fit(h):
    xs = np.array([a for a, _ in h], float); ms = np.array([b for _, b in h], float)
    def ll(v):
        p, qq, g = v
        px = p * xs
        return np.sum(gammaln(px + qq) - gammaln(px) - gammaln(qq) + qq * np.log(g) + (px - 1) * np.log(ms) + px * np.log(xs) - (px + qq) * np.log(xs * ms + g))
    res = minimize(lambda u: -ll(np.exp(u)), np.log([1, 1, 1]), method='Nelder-Mead', options={'xatol': 1e-10, 'fatol': 1e-12, 'maxiter': 40000, 'maxfev': 40000})
    res = minimize(lambda u: -ll(np.exp(u)), res.x, method='BFGS', options={'gtol': 1e-9})
    return np.exp(res.x), -res.fun

if __name__ == '__main__':
    for name, seed, q in [('regular', 1, 3.0), ('heavy tail', 10, 0.7)]:
        h = gg_sample(seed, 60, 4.0, q, 10.0)
        print('Gamma-Gamma sample', name, '(p 4, q', q, ', gamma 10):', [list(t) for t in h])
        print('  scipy fit:', gg_fit(h))

def homogeneous_ll(p, h):
    """The Gamma-Gamma's homogeneous limit: the mean of x purchases is Gamma(p x, rate p x / mean)."""
    xs = np.array([a for a, _ in h], float); ms = np.array([b for _, b in h], float)
    mean = np.sum(xs * ms) / np.sum(xs)
    k = p * xs
    return np.sum(k * np.log(k / mean) - gammaln(k) + (k - 1) * np.log(ms) - k * ms / mean)

def gg_ses(v, h):
    xs = np.array([a for a, _ in h], float); ms = np.array([b for _, b in h], float)
    def ll(w):
        p, qq, g = w
        px = p * xs
        return np.sum(gammaln(px + qq) - gammaln(px) - gammaln(qq) + qq * np.log(g) + (px - 1) * np.log(ms) + px * np.log(xs) - (px + qq) * np.log(xs * ms + g))
    v = np.array(v, float); n = len(v); hh = 1e-4 * v; H = np.zeros((n, n))
    for i in range(n):
        for j in range(n):
            def f(di, dj):
                q = v.copy(); q[i] += di * hh[i]; q[j] += dj * hh[j]
                return ll(q)
            H[i, j] = (f(1, 1) - f(1, -1) - f(-1, 1) + f(-1, -1)) / (4 * hh[i] * hh[j])
    return np.sqrt(np.diag(np.linalg.inv(-H)))

if __name__ == '__main__':
    for name, seed, q in [('regular', 1, 3.0), ('heavy tail', 10, 0.7)]:
        h = gg_sample(seed, 60, 4.0, q, 10.0)
        xs = np.array([a for a, _ in h], float); ms = np.array([b for _, b in h], float)
        res = minimize(lambda u: -homogeneous_ll(np.exp(u[0]), h), [0.0], method='Nelder-Mead', options={'xatol': 1e-12, 'fatol': 1e-12})
        print('homogeneous limit', name, ': mean spend', np.sum(xs * ms) / np.sum(xs), 'p', np.exp(res.x[0]), 'ln L', -res.fun, 'ln L at p = 2', homogeneous_ll(2.0, h))
    p, _ = gg_fit(gg_sample(1, 60, 4.0, 3.0, 10.0))
    print('Gamma-Gamma SEs of the regular sample at its fit:', gg_ses(p, gg_sample(1, 60, 4.0, 3.0, 10.0)))

def nbd_ll(p, x, tx, T):
    r, al = p
    return np.sum(gammaln(r + x) - gammaln(r) + r * np.log(al) - (r + x) * np.log(al + T))

def constant_ll(p, x, tx, T, shift=0):
    r, al, q = p
    xe = x + shift
    stays = xe * np.log1p(-q) - (r + x) * np.log(al + T)
    with np.errstate(all='ignore'):
        left = np.where(xe > 0, np.log(q) + (xe - 1) * np.log1p(-q) - (r + x) * np.log(al + tx), -np.inf)
    return np.sum(gammaln(r + x) - gammaln(r) + r * np.log(al) + np.logaddexp(stays, left))

if __name__ == '__main__':
    import sys
    sys.path.insert(0, 'scripts')
    from clv_reference import cdnow
    x, tx, T = cdnow()
    res = minimize(lambda u: -nbd_ll(np.exp(u), x, tx, T), [0.0, 0.0], method='Nelder-Mead', options={'xatol': 1e-11, 'fatol': 1e-11, 'maxiter': 20000})
    print('NBD on CDNOW (weeks):', np.exp(res.x), -res.fun)
    for shift in (0, 1):
        f = lambda u: -constant_ll([np.exp(u[0]), np.exp(u[1]), 1 / (1 + np.exp(-u[2]))], x, tx, T, shift)
        res = minimize(f, [0.0, 0.0, -1.0], method='Nelder-Mead', options={'xatol': 1e-11, 'fatol': 1e-11, 'maxiter': 40000, 'maxfev': 40000})
        print('constant drop-out on CDNOW, shift', shift, ':', [float(np.exp(res.x[0])), float(np.exp(res.x[1])), float(1 / (1 + np.exp(-res.x[2])))], -res.fun)

def made_up():
    """The 41 made-up histories of test/unit/analyses/models/purchase-model.test.ts (weeks, as-of day 365)."""
    rows = []
    for i in range(40):
        days = 1 + i % 5
        first = (i * 7) % 120
        last = first if days == 1 else first + (i * 13) % 150 + days * 5
        rows.append((days - 1, (last - first) / 7, (365 - first) / 7))
    rows.append((2, 97 / 7, 362 / 7))
    return [np.array(v, float) for v in zip(*rows)]

if __name__ == '__main__':
    x, tx, T = made_up()
    for shift in (0, 1):
        f = lambda u: -constant_ll([np.exp(u[0]), np.exp(u[1]), 1 / (1 + np.exp(-u[2]))], x, tx, T, shift)
        res = minimize(f, [0.0, 0.0, -1.0], method='Nelder-Mead', options={'xatol': 1e-11, 'fatol': 1e-11, 'maxiter': 40000, 'maxfev': 40000})
        print('made-up, constant drop-out, shift', shift, ':', [float(np.exp(res.x[0])), float(np.exp(res.x[1])), float(1 / (1 + np.exp(-res.x[2])))], -res.fun)
    res = minimize(lambda u: -nbd_ll(np.exp(u), x, tx, T), [0.0, 0.0], method='Nelder-Mead', options={'xatol': 1e-11, 'fatol': 1e-11, 'maxiter': 20000})
    print('made-up, NBD:', np.exp(res.x), -res.fun)
    import clv_reference
    p0 = np.array([0.8828503361350234, 5.5138334993866085, 0.358995615060882])
    print('made-up, constant drop-out (shift 0) SEs:', clv_reference.ses(lambda q, *d: constant_ll(q, *d), p0, x, tx, T))

def steady():
    """The 60 steady buyers of purchase-model.test.ts: x = i % 6, t_x = 50 - i % 3, T = 52 (weeks)."""
    rows = [(i % 6, 50 - i % 3, 52) for i in range(60)]
    return [np.array(v, float) for v in zip(*rows)]

if __name__ == '__main__':
    x, tx, T = steady()
    res = minimize(lambda u: -nbd_ll(np.exp(u), x, tx, T), [0.0, 0.0], method='Nelder-Mead', options={'xatol': 1e-11, 'fatol': 1e-11, 'maxiter': 20000})
    print('steady, NBD:', np.exp(res.x), -res.fun)
