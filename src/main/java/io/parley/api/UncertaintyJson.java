package io.parley.api;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.parley.analysis.MonteCarlo;
import io.parley.analysis.Morris;
import io.parley.analysis.SobolIndices;

/** The JSON answers of Monte Carlo, Sobol and Morris runs, as records (non-finite figures are written null). */
final class UncertaintyJson {

    private UncertaintyJson() {
    }

    record MonteCarloAnswer(long samples, String stoppedBy, String sampling, long seed, double confidence,
                            List<Distribution> metrics, Provenance provenance) {
    }

    record Distribution(String metric, long count, long nulls, double mean, double sd, double standardError,
                        double min, double max, List<Percentile> percentiles, List<Probability> probabilities,
                        Histogram histogram, List<Contribution> contributions, double skewness,
                        double excessKurtosis, List<TailRisk> tailRisks, List<MeanChange> meanChanges) {
    }

    /** The metric's mean in equal-count bins of one lever, from its lowest values to its highest. */
    record MeanChange(String lever, double lowBinMean, double highBinMean, double[] binMeans) {
    }

    /** The lower tail at a percentile level: its value at risk and the mean below it. */
    record TailRisk(double p, double valueAtRisk, double conditionalValueAtRisk) {
    }

    /** A percentile with its distribution-free confidence interval [low, high]. */
    record Percentile(double p, double value, double low, double high) {
    }

    /** The chance a metric falls below or above a threshold; exactly one of the two is given. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Probability(Double below, Double above, double probability, double low, double high) {
    }

    record Histogram(double[] edges, long[] counts) {
    }

    record Contribution(String lever, double standardisedCoefficient, double correlation, double rankCorrelation,
                        double contributionToVariance, double rankContributionToVariance) {
    }

    record SobolAnswer(int n, long evaluations, long seed, int bootstrap, double confidence, List<SobolMetric> metrics,
                       Provenance provenance) {
    }

    /** One metric's Sobol indices; {@code pairs} only when second-order indices were asked for. */
    record SobolMetric(String metric, double variance, List<SobolIndex> indices,
                       @JsonInclude(JsonInclude.Include.NON_NULL) List<SobolPair> pairs) {
    }

    record SobolIndex(String lever, double first, double firstLow, double firstHigh, double total, double totalLow,
                      double totalHigh) {
    }

    record SobolPair(List<String> levers, double index, double low, double high) {
    }

    record MorrisAnswer(int trajectories, int levels, long evaluations, long seed, List<MorrisMetric> metrics,
                        Provenance provenance) {
    }

    record MorrisMetric(String metric, List<MorrisEffect> effects) {
    }

    record MorrisEffect(String lever, double mu, double muStar, double sigma) {
    }

    static MonteCarloAnswer monteCarlo(MonteCarlo.Result r, String sampling, MonteCarlo.Config config,
                                       Provenance provenance) {
        double[] percentiles = config.percentiles();
        List<MonteCarlo.Threshold> thresholds = config.thresholds();
        List<Distribution> metrics = r.metrics().stream().map(s -> {
            List<Percentile> ps = new ArrayList<>();
            for (int p = 0; p < percentiles.length; p++) {
                ps.add(new Percentile(percentiles[p], s.percentiles()[p], s.percentileIntervals().get(p).low(),
                        s.percentileIntervals().get(p).high()));
            }
            List<MonteCarlo.Threshold> mine = thresholds.stream().filter(t -> t.metric() == s.metric()).toList();
            List<Probability> probabilities = new ArrayList<>();
            for (int t = 0; t < mine.size(); t++) {
                MonteCarlo.Threshold threshold = mine.get(t);
                probabilities.add(new Probability(threshold.below() ? threshold.value() : null,
                        threshold.below() ? null : threshold.value(), s.probabilities()[t],
                        s.probabilityIntervals().get(t).low(), s.probabilityIntervals().get(t).high()));
            }
            return new Distribution(s.metric().apiName, s.count(), s.nulls(), s.mean(), s.sd(), s.standardError(),
                    s.min(), s.max(), ps, probabilities,
                    new Histogram(s.histogram().edges(), s.histogram().counts()),
                    s.contributions().stream().map(c -> new Contribution(c.lever(), c.standardisedCoefficient(),
                            c.correlation(), c.rankCorrelation(), c.contributionToVariance(),
                            c.rankContributionToVariance())).toList(),
                    s.skewness(), s.excessKurtosis(), s.tailRisks().stream().map(t -> new TailRisk(t.level(),
                            t.valueAtRisk(), t.conditionalValueAtRisk())).toList(),
                    s.meanChanges().stream().map(m -> new MeanChange(m.lever(), m.lowBinMean(), m.highBinMean(),
                            m.binMeans())).toList());
        }).toList();
        return new MonteCarloAnswer(r.samples(), r.stoppedByPrecision() ? "precision" : "samples", sampling,
                config.seed(), config.confidence(), metrics, provenance);
    }

    static List<SobolMetric> sobol(List<SobolIndices.Result> results, boolean secondOrder) {
        return results.stream().map(r -> new SobolMetric(r.metric().apiName, r.variance(),
                r.indices().stream().map(i -> new SobolIndex(i.lever(), i.first(), i.firstLow(), i.firstHigh(),
                        i.total(), i.totalLow(), i.totalHigh())).toList(),
                secondOrder ? r.pairs().stream().map(p -> new SobolPair(List.of(p.first(), p.second()), p.index(),
                        p.low(), p.high())).toList() : null)).toList();
    }

    static List<MorrisMetric> morris(List<Morris.Result> results) {
        return results.stream().map(r -> new MorrisMetric(r.metric().apiName, r.effects().stream()
                .map(e -> new MorrisEffect(e.lever(), e.mu(), e.muStar(), e.sigma())).toList())).toList();
    }
}
