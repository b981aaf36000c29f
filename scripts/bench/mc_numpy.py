#!/usr/bin/env python3
"""The numpy peer of Parley's Monte Carlo benchmark (scripts/bench-table, docs/performance.md).

The same work as UncertaintyBenchmark.millionSamples, written vectorised over the samples: the
5-product packaging example (scenarios/packaging-retailer-renewal.json, read here), its 10 uncertain
levers (each line's base volume ~ normal(volume, 8 % of it); each line's cost inflation ~
triangular(g - 0.01, g, g + 0.02)), Latin-hypercube sampling, the model's npv and customerNpv
(/work/shared/spec/master-agreement-model.md, written out below for this scenario's shape: any
horizon, periods per year, rebate basis, renewal), and a summary like Parley's: mean, sd,
percentiles, a 20-bin histogram, P(npv < 0), standardised regression coefficients on the 10 levers
and rank correlations. Prints one JSON line: the seconds of the sampling and evaluation, of the
summary, the total, and the mean and standard error of each metric, so the caller can check the
mean npv against Parley's (another random stream: equal within sampling error, not to the digit).

  python3 scripts/bench/mc_numpy.py [samples=1000000] [repeats=3]
  python3 scripts/bench/mc_numpy.py --point   (the model at the scenario's own values, to check it)
The time reported is the best of `repeats` runs (each a whole run, like JMH's single shots).
"""
import json
import os
import sys
import time

import numpy as np

try:  # the normal quantile, vectorised in C; scipy is what a numpy user would reach for
    from scipy.special import ndtri
except ImportError:  # pragma: no cover - a plain numpy fallback, Acklam's rational approximation refined once
    def ndtri(p):
        a = [-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02, 1.383577518672690e+02,
             -3.066479806614716e+01, 2.506628277459239e+00]
        b = [-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02, 6.680131188771972e+01,
             -1.328068155288572e+01]
        c = [-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00, -2.549732539343734e+00,
             4.374664141464968e+00, 2.938163982698783e+00]
        d = [7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00]
        p = np.asarray(p, dtype=float)
        q = np.minimum(p, 1 - p)
        r = np.sqrt(-2 * np.log(q))
        tail = (((((c[0] * r + c[1]) * r + c[2]) * r + c[3]) * r + c[4]) * r + c[5]) / \
               ((((d[0] * r + d[1]) * r + d[2]) * r + d[3]) * r + 1)
        s = q - 0.5
        t = s * s
        mid = (((((a[0] * t + a[1]) * t + a[2]) * t + a[3]) * t + a[4]) * t + a[5]) * s / \
              (((((b[0] * t + b[1]) * t + b[2]) * t + b[3]) * t + b[4]) * t + 1)
        x = np.where(q < 0.02425, tail, mid)
        x = np.where(p > 0.5, -x, x)
        from math import erfc, sqrt, pi
        e = 0.5 * np.vectorize(erfc)(-x / sqrt(2)) - p
        u = e * sqrt(2 * pi) * np.exp(x * x / 2)
        return x - u / (1 + x * u / 2)

HERE = os.path.dirname(os.path.abspath(__file__))
SCENARIO = os.path.join(HERE, "..", "..", "scenarios", "packaging-retailer-renewal.json")
PERCENTILES = [1, 5, 10, 25, 50, 75, 90, 95, 99]


def lhs(rng, n, k):
    """k columns of Latin-hypercube uniforms: each column one draw in each of n equal strata, shuffled."""
    u = np.empty((k, n))
    for j in range(k):
        u[j] = (rng.permutation(n) + rng.random(n)) / n
    return u


def triangular_quantile(u, lo, mode, hi):
    cut = (mode - lo) / (hi - lo)
    left = lo + np.sqrt(u * (hi - lo) * (mode - lo))
    right = hi - np.sqrt((1 - u) * (hi - lo) * (hi - mode))
    return np.where(u < cut, left, right)


def rebate(spend, rebate_terms):
    """The year's rebate for each sample's net spend S (the spec's RETROACTIVE or INCREMENTAL)."""
    if not rebate_terms or not rebate_terms.get("tiers"):
        return np.zeros_like(spend)
    tiers = rebate_terms["tiers"]
    out = np.zeros_like(spend)
    if rebate_terms["basis"] == "RETROACTIVE":
        for tier in tiers:  # ascending thresholds: the last one reached wins
            out = np.where(spend >= tier["threshold"], tier["rate"] * spend, out)
    else:
        for i, tier in enumerate(tiers):
            upper = tiers[i + 1]["threshold"] if i + 1 < len(tiers) else np.inf
            out += tier["rate"] * np.maximum(0.0, np.minimum(spend, upper) - tier["threshold"])
    return out


def evaluate(sc, volume, inflation):
    """npv and customerNpv of every sample; volume and inflation are (products, samples) arrays."""
    ppy = sc["horizon"]["periodsPerYear"]
    n_periods = sc["horizon"]["years"] * ppy
    terms, base = sc["terms"], sc.get("baseline", {})
    rs = sc["supplier"]["costOfCapital"]
    rc = sc.get("customer", {}).get("costOfCapital", rs)
    days, days_b = terms.get("paymentDays", 0), base.get("paymentDays", 0)
    k_years = terms.get("contractYears", sc["horizon"]["years"])
    p_renew = terms.get("renewalProbability", 1.0)
    services = terms.get("services", [])
    sc_cost = sum(s["costPerYear"] for s in services) / ppy
    svv = (sum(s["valuePerYear"] for s in services) - sum(s["valuePerYear"] for s in base.get("services", []))) / ppy
    cts = sc.get("costToServe", {})
    fixed, g_f = cts.get("fixedPerYear", 0.0), cts.get("inflation", 0.0)
    invest = terms.get("upfrontInvestment", 0.0)
    products = sc["products"]
    samples = volume.shape[1]
    npv = np.zeros(samples)
    cnpv = np.zeros(samples)
    for year in range(sc["horizon"]["years"]):
        # a year's periods first (its rebate rate needs the year's spend), then its cash flows
        nr_p, nrb_p, cogs_p = [], [], []
        for t in range(year * ppy, (year + 1) * ppy):
            tau = t / ppy
            nr = np.zeros(samples)
            nr_b = np.zeros(samples)
            cogs = np.zeros(samples)
            for i, p in enumerate(products):
                v = volume[i] / ppy * (1 + p.get("volumeGrowth", 0.0)) ** tau
                lr = v * p["listPrice"] * (1 + p.get("priceEscalator", 0.0)) ** year
                nr += lr * (1 - terms.get("discounts", {}).get(p["id"], 0.0))
                nr_b += lr * (1 - base.get("discounts", {}).get(p["id"], 0.0))
                cogs += v * p["unitCost"] * (1 + inflation[i]) ** tau
            nr_p.append(nr)
            nrb_p.append(nr_b)
            cogs_p.append(cogs)
        spend, spend_b = sum(nr_p), sum(nrb_p)
        with np.errstate(invalid="ignore", divide="ignore"):
            e = np.where(spend > 0, rebate(spend, terms.get("rebate")) / spend, 0.0)
            e_b = np.where(spend_b > 0, rebate(spend_b, base.get("rebate")) / spend_b, 0.0)
        survival = p_renew ** (year // k_years)
        for j, t in enumerate(range(year * ppy, (year + 1) * ppy)):
            nr, nr_b, cogs = nr_p[j], nrb_p[j], cogs_p[j]
            rb, rb_b = nr * e, nr_b * e_b
            cm = nr - rb - cogs - (fixed / ppy * (1 + g_f) ** (t / ppy) + sc_cost) - nr * days / 365 * rs
            ecf = cm * survival - (invest if t == 0 else 0.0)
            npv += ecf * (1 + rs) ** (-(t + 1) / ppy)
            cv = (nr_b - rb_b) - (nr - rb) + svv + (nr * days - nr_b * days_b) / 365 * rc
            cnpv += cv * survival * (1 + rc) ** (-(t + 1) / ppy)
    return npv, cnpv


def summary(levers, metric):
    """What Parley's summary holds for one metric, computed the plain numpy way."""
    order = np.argsort(metric, kind="stable")
    ranks = np.empty(len(metric))
    ranks[order] = np.arange(len(metric))
    z = (levers - levers.mean(axis=1, keepdims=True)) / levers.std(axis=1, keepdims=True)
    y = (metric - metric.mean()) / metric.std()
    src = np.linalg.lstsq(z.T, y, rcond=None)[0]
    lever_ranks = np.argsort(np.argsort(levers, axis=1), axis=1)
    spearman = [np.corrcoef(lr, ranks)[0, 1] for lr in lever_ranks]
    return {"mean": float(metric.mean()), "sd": float(metric.std(ddof=1)),
            "percentiles": np.percentile(metric, PERCENTILES).tolist(),
            "histogram": np.histogram(metric, bins=20)[0].tolist(),
            "below0": float((metric < 0).mean()), "src": src.tolist(), "rank": spearman}


def run(sc, n, seed):
    rng = np.random.default_rng(seed)
    products = sc["products"]
    t0 = time.perf_counter()
    u = lhs(rng, n, 2 * len(products))
    volume = np.empty((len(products), n))
    inflation = np.empty((len(products), n))
    for i, p in enumerate(products):
        volume[i] = p["baseVolume"] + 0.08 * p["baseVolume"] * ndtri(u[2 * i])
        g = p.get("costInflation", 0.0)
        inflation[i] = triangular_quantile(u[2 * i + 1], g - 0.01, g, g + 0.02)
    npv, cnpv = evaluate(sc, volume, inflation)
    t1 = time.perf_counter()
    levers = np.empty((2 * len(products), n))
    levers[0::2], levers[1::2] = volume, inflation
    figures = {"npv": summary(levers, npv), "customerNpv": summary(levers, cnpv)}
    t2 = time.perf_counter()
    return t1 - t0, t2 - t1, figures


def point(sc):
    """npv and customerNpv at the scenario's own values: checked against POST /api/v1/evaluate (spec: 1e-9)."""
    volume = np.array([[p["baseVolume"]] for p in sc["products"]], dtype=float)
    inflation = np.array([[p.get("costInflation", 0.0)] for p in sc["products"]], dtype=float)
    npv, cnpv = evaluate(sc, volume, inflation)
    print(json.dumps({"npv": float(npv[0]), "customerNpv": float(cnpv[0])}))


def main():
    if sys.argv[1:2] == ["--point"]:
        with open(SCENARIO) as f:
            point(json.load(f))
        return
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    repeats = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    with open(SCENARIO) as f:
        sc = json.load(f)
    best = None
    for r in range(repeats):
        sample_s, summary_s, figures = run(sc, n, 42 + r)
        if best is None or sample_s + summary_s < best[0] + best[1]:
            best = (sample_s, summary_s, figures)
    sample_s, summary_s, figures = best
    print(json.dumps({
        "samples": n, "seconds": sample_s + summary_s, "samplingAndEvaluation": sample_s, "summary": summary_s,
        "numpy": np.__version__, "threads": os.environ.get("OMP_NUM_THREADS", "numpy's default"),
        **{m + "Mean": f["mean"] for m, f in figures.items()},
        **{m + "StandardError": f["sd"] / np.sqrt(n) for m, f in figures.items()},
        "npvBelow0": figures["npv"]["below0"]}))


if __name__ == "__main__":
    main()
