#!/usr/bin/env python3
"""Independent reference values for test/clv-*.test.ts: the BG/NBD, MBG/NBD and Pareto/NBD on the
CDNOW 1/10 sample (calibration to 1997-09-30, weeks), fitted with scipy; standard errors from a
central-difference Hessian. Formulas as in Fader, Hardie & Lee (2005 and the 2005 Pareto/NBD note)
and Batislam et al. (2007). Run: /usr/bin/python3 scripts/clv_reference.py"""
from datetime import date
import numpy as np
from scipy.optimize import minimize
from scipy.special import gammaln, betaln, hyp2f1

def cdnow():
    days = {}
    for line in open('fixtures/cdnow/cdnow-sample.txt'):
        f = line.split()
        if len(f) < 5 or f[2] > '19970930':
            continue
        days.setdefault(f[1], {}).setdefault(f[2], 0.0)
        days[f[1]][f[2]] += float(f[4])
    d = lambda s: date(int(s[:4]), int(s[4:6]), int(s[6:]))
    end = date(1997, 9, 30)
    x, tx, T = [], [], []
    for ds in days.values():
        k = sorted(ds)
        x.append(len(k) - 1)
        tx.append((d(k[-1]) - d(k[0])).days / 7)
        T.append((end - d(k[0])).days / 7)
    return np.array(x, float), np.array(tx), np.array(T)

def bg_ll(p, x, tx, T, shift=0):
    r, al, a, b = p
    xe = x + shift
    common = gammaln(r + x) - gammaln(r) + r * np.log(al)
    stay = betaln(a, b + xe) - betaln(a, b) - (r + x) * np.log(al + T)
    with np.errstate(all='ignore'):
        left = np.where(xe > 0, betaln(a + 1, b + xe - 1) - betaln(a, b) - (r + x) * np.log(al + tx), -np.inf)
    return np.sum(common + np.logaddexp(stay, left))

def pnbd_ll(p, x, tx, T):
    r, al, s, be = p
    rsx = r + s + x
    if al >= be:
        z1, z2, b2, m1, m2 = (al - be) / (al + tx), (al - be) / (al + T), s + 1, al + tx, al + T
    else:
        z1, z2, b2, m1, m2 = (be - al) / (be + tx), (be - al) / (be + T), r + x, be + tx, be + T
    l1 = np.log(hyp2f1(rsx, b2, rsx + 1, z1)) - rsx * np.log(m1)
    l2 = np.log(hyp2f1(rsx, b2, rsx + 1, z2)) - rsx * np.log(m2)
    with np.errstate(divide='ignore'):
        la0 = l1 + np.log1p(-np.exp(l2 - l1))
    first = -(r + x) * np.log(al + T) - s * np.log(be + T)
    return np.sum(gammaln(r + x) - gammaln(r) + r * np.log(al) + s * np.log(be) + np.logaddexp(first, np.log(s / rsx) + la0))

def fit(ll, start, *data):
    res = minimize(lambda v: -ll(np.exp(v), *data), np.log(start), method='Nelder-Mead', options={'xatol': 1e-10, 'fatol': 1e-10, 'maxiter': 40000, 'maxfev': 40000})
    res = minimize(lambda v: -ll(np.exp(v), *data), res.x, method='BFGS', options={'gtol': 1e-8})
    return np.exp(res.x), -res.fun

def ses(ll, p, *data):
    n = len(p)
    h = 1e-4 * p
    H = np.zeros((n, n))
    for i in range(n):
        for j in range(n):
            def f(di, dj):
                q = p.copy(); q[i] += di * h[i]; q[j] += dj * h[j]
                return ll(q, *data)
            H[i, j] = (f(1, 1) - f(1, -1) - f(-1, 1) + f(-1, -1)) / (4 * h[i] * h[j])
    return np.sqrt(np.diag(np.linalg.inv(-H)))

def pnbd_conditional(p, x, tx, T, t):
    r, al, s, be = p
    alive = 1 / (1 + np.exp(np.log(s / (r + s + x)) + (r + x) * np.log(al + T) + s * np.log(be + T) + pnbd_log_a0(p, x, tx, T)))
    return (r + x) * (be + T) / ((al + T) * (s - 1)) * (1 - ((be + T) / (be + T + t)) ** (s - 1)) * alive, alive

def pnbd_log_a0(p, x, tx, T):
    r, al, s, be = p
    rsx = r + s + x
    if al >= be:
        z1, z2, b2, m1, m2 = (al - be) / (al + tx), (al - be) / (al + T), s + 1, al + tx, al + T
    else:
        z1, z2, b2, m1, m2 = (be - al) / (be + tx), (be - al) / (be + T), r + x, be + tx, be + T
    l1 = np.log(hyp2f1(rsx, b2, rsx + 1, z1)) - rsx * np.log(m1)
    l2 = np.log(hyp2f1(rsx, b2, rsx + 1, z2)) - rsx * np.log(m2)
    return l1 + np.log1p(-np.exp(l2 - l1))

if __name__ == '__main__':
    x, tx, T = cdnow()
    print('customers', len(x), 'repeat buyers', int((x > 0).sum()), 'sum x', x.sum())
    bg, llbg = fit(bg_ll, [0.25, 4, 0.8, 2.5], x, tx, T)
    print('BG/NBD', bg.round(6), 'LL', round(llbg, 4), 'SE', ses(bg_ll, bg, x, tx, T).round(5))
    print('BG/NBD LL at published', round(bg_ll([0.2426, 4.4136, 0.7929, 2.4259], x, tx, T), 4))
    mbg, llm = fit(lambda p, *d: bg_ll(p, *d, shift=1), [0.5, 6, 0.9, 1.6], x, tx, T)
    print('MBG/NBD', mbg.round(6), 'LL', round(llm, 4), 'SE', ses(lambda p, *d: bg_ll(p, *d, shift=1), mbg, x, tx, T).round(5))
    pn, llp = fit(lambda p, *d: sum(pnbd_ll(p, *[v[i:i + 1] for v in d]) for i in range(len(d[0]))), [0.55, 10.5, 0.6, 11.7], x, tx, T)
    print('Pareto/NBD', pn.round(6), 'LL', round(llp, 4))
    pll = lambda p, *d: sum(pnbd_ll(p, *[v[i:i + 1] for v in d]) for i in range(len(d[0])))
    print('Pareto/NBD SE', ses(pll, pn, x, tx, T).round(5))
    print('Pareto/NBD LL per customer (published params)', [round(float(pnbd_ll([0.5534, 10.5802, 0.6061, 11.6562], np.array([xi]), np.array([ti]), np.array([Ti]))), 10) for xi, ti, Ti in [(0, 0, 38.86), (2, 30.43, 38.86), (26, 30.86, 31), (5, 10, 38)]])
    for q in [[0.5534, 10.5802, 0.6061, 11.6562], [2, 5, 0.6, 3]]:
        print('Pareto/NBD E[Y(52)] and P(alive), x=26, t_x=30.86, T=31, params', q, [float(v) for v in pnbd_conditional(q, 26, 30.86, 31, 52)])
    print('2F1 values', [float(hyp2f1(*a)) for a in [(26.5595, 26.5534, 27.5595, 0.02567), (1.1595, 1.6061, 2.1595, 0.3), (40.0, 0.5, 41.0, 0.95)]])
