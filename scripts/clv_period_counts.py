#!/usr/bin/env python3
"""Independent reference values for test/unit/render/clv-diagnostic-charts.test.ts: the period-transactions chart's
expected number of CDNOW customers (1/10 sample, calibration to 1997-09-30, weeks) with 0, 1, ..., 6
and 7+ repeat purchases, sum over customers of P(X(T_i) = x) at the published parameters.

- BG/NBD: Fader, Hardie & Lee (2005), equation 8; MBG/NBD: the same with a drop-out chance at the
  first purchase too (Batislam et al. 2007): P(X=x) = B(a, b+x+1)/B(a,b) NB(x) + B(a+1, b+x)/B(a,b) P(N >= x).
- Pareto/NBD: alive at t, or died at tau in (0, t] with x purchases by then:
  P(X(t)=x) = NB(x; t) (beta/(beta+t))^s + int_0^t s beta^s / (beta+tau)^(s+1) NB(x; tau) dtau,
  integrated here with scipy's adaptive quad in tau (the TypeScript code integrates in ln(1 + tau/beta)).
Each is checked against its model's E[X(t)] (sum of x P(X=x)) from the papers' mean formulas.
Also the tracking chart's model line at the published BG/NBD parameters: sum over customers of
E[X(D - first_i)] (FHL 2005 equation 9) by 1997-09-30 (the end of calibration) and by 1998-06-30
(the end of the holdout), and per week for the holdout's first week (1997-10-01 to 1997-10-07).
Run: /usr/bin/python3 scripts/clv_period_counts.py"""
import numpy as np
from scipy.integrate import quad
from scipy.special import betaln, gammaln, hyp2f1
from clv_reference import cdnow

BG = (0.2426, 4.4136, 0.7929, 2.4259)
MBG = (0.525, 6.183, 0.891, 1.614)
PNBD = (0.5534, 10.5802, 0.6061, 11.6562)
N = 2000  # terms of the distributions, for the checks (P(X >= 2000) is negligible here)

def nb(r, al, t, n=N):
    x = np.arange(n)
    return np.exp(gammaln(r + x) - gammaln(r) - gammaln(x + 1) + r * np.log(al / (al + t)) + x * np.log(t / (al + t)))

def bg_probs(p, t, shift):
    r, al, a, b = p
    x = np.arange(N)
    f = nb(r, al, t)
    tail = 1 - np.concatenate([[0], np.cumsum(f)[:-1]])  # P(N(t) >= x)
    alive = np.exp(betaln(a, b + x + shift) - betaln(a, b)) * f
    with np.errstate(all='ignore'):
        left = np.where(x + shift > 0, np.exp(betaln(a + 1, b + x + shift - 1) - betaln(a, b)), 0) * tail
    return alive + left

def bg_mean(p, t, shift):
    r, al, a, b = p
    if shift:  # a new MBG/NBD customer survives the first purchase with probability b/(a+b)
        return b / (a + b) * bg_mean((r, al, a, b + 1), t, 0)
    return (a + b - 1) / (a - 1) * (1 - (al / (al + t)) ** r * hyp2f1(r, b, a + b - 1, t / (al + t)))

def pnbd_probs(p, t, n=12):
    r, al, s, be = p
    out = nb(r, al, t, n) * (be / (be + t)) ** s
    for x in range(n):
        g = lambda tau: s * be ** s / (be + tau) ** (s + 1) * (nb(r, al, tau, x + 1)[x] if tau > 0 else float(x == 0))
        out[x] += quad(g, 0, t, epsabs=1e-13, epsrel=1e-12, limit=400)[0]
    return out

def pnbd_mean(p, t):
    r, al, s, be = p
    return r * be / (al * (s - 1)) * (1 - (be / (be + t)) ** (s - 1))

def buckets(probs):
    return list(probs[:7]) + [1 - probs[:7].sum()]

def tracking():
    from datetime import date
    firsts = {}
    for line in open('fixtures/cdnow/cdnow-sample.txt'):
        f = line.split()
        if len(f) >= 5 and f[2] <= '19970930':
            firsts[f[1]] = min(firsts.get(f[1], f[2]), f[2])
    d = lambda s: date(int(s[:4]), int(s[4:6]), int(s[6:]))
    first = np.array([d(v).toordinal() for v in firsts.values()])
    by = lambda day: sum(bg_mean(BG, (date(*day).toordinal() - first) / 7, 0))
    print('tracking bgnbd: expected cumulative by 1997-09-30', round(float(by((1997, 9, 30))), 6), 'by 1998-06-30', round(float(by((1998, 6, 30))), 6),
          'week 1997-10-01..07', round(float(by((1997, 10, 7)) - by((1997, 9, 30))), 6))

if __name__ == '__main__':
    tracking()
    x, tx, T = cdnow()
    actual = [int((x == k).sum()) for k in range(7)] + [int((x >= 7).sum())]
    print('customers', len(x), 'actual 0..6, 7+', actual)
    Ts, counts = np.unique(T, return_counts=True)
    for name, p, probs, mean in [
        ('bgnbd', BG, lambda t: bg_probs(BG, t, 0), lambda t: bg_mean(BG, t, 0)),
        ('mbgnbd', MBG, lambda t: bg_probs(MBG, t, 1), lambda t: bg_mean(MBG, t, 1)),
        ('pnbd', PNBD, lambda t: pnbd_probs(PNBD, t), lambda t: pnbd_mean(PNBD, t)),
    ]:
        for t in [1.0, 31.86, 78.0]:
            q = probs(t)
            if name != 'pnbd':
                assert abs(q.sum() - 1) < 1e-10 and abs((np.arange(N) * q).sum() - mean(t)) < 1e-9, (name, t)
        # Pareto/NBD: the mean check on a longer support
        if name == 'pnbd':
            q = pnbd_probs(PNBD, 31.86, 150)
            assert abs(q.sum() - 1) < 1e-9 and abs((np.arange(150) * q).sum() - mean(31.86)) < 1e-7, (q.sum(), (np.arange(150) * q).sum(), mean(31.86))
        expected = np.zeros(8)
        for t, c in zip(Ts, counts):
            expected += c * np.array(buckets(probs(t)))
        print(name, p, 'P(X(t)=x), t = 31.86, x = 0..3:', [round(float(v), 10) for v in probs(31.86)[:4]])
        print(name, 'expected 0..6, 7+', [round(float(v), 6) for v in expected], 'sum', round(float(expected.sum()), 6))
