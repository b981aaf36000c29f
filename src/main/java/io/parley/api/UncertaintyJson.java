package io.parley.api;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.parley.analysis.Groups;
import io.parley.analysis.MonteCarlo;
import io.parley.analysis.Morris;
import io.parley.analysis.SobolIndices;
import io.parley.document.Csv;

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

    record SobolAnswer(int n, long evaluations, long seed, double confidence, List<SobolMetric> metrics,
                       Provenance provenance) {
    }

    /** One metric's Sobol indices; {@code pairs} only when second-order indices were asked for. */
    record SobolMetric(String metric, double variance, List<SobolIndex> indices,
                       @JsonInclude(JsonInclude.Include.NON_NULL) List<SobolPair> pairs) {
    }

    /** {@code lever} for a lever alone; {@code group} and its {@code levers} for a named group. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record SobolIndex(String lever, String group, List<String> levers, double first, double firstLow, double firstHigh, double total, double totalLow,
                      double totalHigh) {
    }

    /** The two levers (or groups) of an interaction, by path (or group name). */
    record SobolPair(List<String> levers, double index, double low, double high) {
    }

    record MorrisAnswer(int trajectories, int levels, long evaluations, long seed, int bootstrap, double confidence,
                        List<MorrisMetric> metrics, Provenance provenance) {
    }

    record MorrisMetric(String metric, List<MorrisEffect> effects) {
    }

    /** {@code lever} for a lever alone; {@code group} and its {@code levers} for a named group. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record MorrisEffect(String lever, String group, List<String> levers, double mu, double muStar, double muStarConf,
                        double sigma, List<Double> elementaryEffects) {
    }

    /** The indices as a table: a row per metric and lever (or group, its levers joined by "; "). */
    static String sobolCsv(List<SobolMetric> metrics) {
        StringBuilder csv = new StringBuilder("metric,lever,group,levers,first,firstLow,firstHigh,total,totalLow,totalHigh\r\n");
        for (SobolMetric m : metrics) {
            for (SobolIndex i : m.indices()) {
                Csv.cells(csv, m.metric(), i.lever(), i.group(), i.levers() == null ? null : String.join("; ", i.levers()),
                        i.first(), i.firstLow(), i.firstHigh(), i.total(), i.totalLow(), i.totalHigh());
            }
        }
        return csv.toString();
    }

    /**
     * The effects as a table: a row per metric and lever (or group), then one column per trajectory's
     * raw elementary effect ({@code effect1} … {@code effectR}), so a spreadsheet can redo the statistics.
     */
    static String morrisCsv(MorrisAnswer answer) {
        StringBuilder csv = new StringBuilder("metric,lever,group,levers,mu,muStar,muStarConf,sigma");
        for (int t = 1; t <= answer.trajectories(); t++) csv.append(",effect").append(t);
        csv.append(Csv.EOL);
        for (MorrisMetric m : answer.metrics()) {
            for (MorrisEffect e : m.effects()) {
                List<Object> cells = new ArrayList<>(List.of(m.metric()));
                cells.addAll(Arrays.asList(e.lever(), e.group(),
                        e.levers() == null ? null : String.join("; ", e.levers()), e.mu(), e.muStar(), e.muStarConf(),
                        e.sigma()));
                cells.addAll(e.elementaryEffects());
                Csv.cells(csv, cells.toArray());
            }
        }
        return csv.toString();
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

    static List<SobolMetric> sobol(List<SobolIndices.Result> results, boolean secondOrder,
                                   List<MonteCarlo.Uncertain> levers, Groups groups) {
        return results.stream().map(r -> new SobolMetric(r.metric().apiName, r.variance(),
                r.indices().stream().map(i -> new SobolIndex(leverOf(i.lever(), groups), groupOf(i.lever(), groups),
                        membersOf(i.lever(), levers, groups), i.first(), i.firstLow(), i.firstHigh(),
                        i.total(), i.totalLow(), i.totalHigh())).toList(),
                secondOrder ? r.pairs().stream().map(p -> new SobolPair(List.of(p.first(), p.second()), p.index(),
                        p.low(), p.high())).toList() : null)).toList();
    }

    static List<MorrisMetric> morris(List<Morris.Result> results, List<MonteCarlo.Uncertain> levers, Groups groups) {
        return results.stream().map(r -> new MorrisMetric(r.metric().apiName, r.effects().stream()
                .map(e -> new MorrisEffect(leverOf(e.lever(), groups), groupOf(e.lever(), groups),
                        membersOf(e.lever(), levers, groups), e.mu(), e.muStar(), e.muStarConf(), e.sigma(),
                        e.elementaryEffects())).toList())).toList();
    }

    /** A factor's lever path when it is a lever alone (the levers were not grouped), else null. */
    private static String leverOf(String factor, Groups groups) {
        return groups.grouped() ? null : factor;
    }

    private static String groupOf(String factor, Groups groups) {
        return groups.grouped() ? factor : null;
    }

    private static List<String> membersOf(String factor, List<MonteCarlo.Uncertain> levers, Groups groups) {
        return groups.grouped() ? groups.leverPaths(levers, groups.names().indexOf(factor)) : null;
    }
}
