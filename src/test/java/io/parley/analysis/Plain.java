package io.parley.analysis;

import java.util.ArrayList;
import java.util.List;

import org.assertj.core.data.Offset;

import io.parley.engine.CompiledScenario;
import io.parley.engine.Metric;
import io.parley.model.Levers;
import io.parley.model.Rebate;
import io.parley.model.RebateBasis;
import io.parley.model.RebateTier;
import io.parley.model.Scenario;
import io.parley.model.Terms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The independent side of the analysis tests: a "plain evaluation" changes the scenario itself through
 * {@link Levers#apply}, compiles it afresh and reads its summary — no parameter slots, no probe, none of
 * the analysis code. Also the tolerances and a few scenario edits for hand-worked deals.
 */
final class Plain {

    /** Relative tolerance where the analysis and the plain evaluation do the same arithmetic. */
    static final double SAME = 1e-12;
    /** Relative tolerance for sums taken in a different order. */
    static final double CLOSE = 1e-9;

    private Plain() {
    }

    /** The scenario with the lever at {@code path} set to {@code value}. */
    static Scenario set(Scenario s, String path, double value) {
        return io.parley.Fixtures.with(s, path, value);
    }

    /** The scenario with each (path, value) pair applied in turn. */
    static Scenario set(Scenario s, Object... pathValuePairs) {
        return io.parley.Fixtures.with(s, pathValuePairs);
    }

    /** The scenario's own value of a lever. */
    static double valueOf(Scenario s, String path) {
        return Levers.valueOf(s, Levers.resolve(path, s));
    }

    /** Every summary metric of the scenario, compiled afresh. */
    static double[] summary(Scenario s) {
        return CompiledScenario.compile(s).summary();
    }

    static double metric(Scenario s, Metric m) {
        return summary(s)[m.ordinal()];
    }

    /** A plain evaluation of one metric with one lever changed. */
    static double metric(Scenario s, Metric m, String path, double value) {
        return metric(set(s, path, value), m);
    }

    /** Within 1e-12 of {@code want}, relative (absolute 1e-12 around 0). */
    static Offset<Double> same(double want) {
        return within(Math.max(Math.abs(want) * SAME, SAME));
    }

    /** Within 1e-9 of {@code want}, relative (absolute 1e-9 around 0). */
    static Offset<Double> close(double want) {
        return within(Math.max(Math.abs(want) * CLOSE, CLOSE));
    }

    /** Equal within 1e-12 relative, or both NaN (a null metric). */
    static void assertSame(double actual, double expected, String what) {
        if (Double.isNaN(expected)) {
            assertThat(actual).as(what + " (null metric)").isNaN();
        } else {
            assertThat(actual).as(what).isCloseTo(expected, same(expected));
        }
    }

    static Rebate rebate(RebateBasis basis, double... thresholdRatePairs) {
        List<RebateTier> tiers = new ArrayList<>();
        for (int i = 0; i < thresholdRatePairs.length; i += 2) {
            tiers.add(new RebateTier(thresholdRatePairs[i], thresholdRatePairs[i + 1]));
        }
        return new Rebate(basis, tiers);
    }

    static Scenario withTermsRebate(Scenario s, Rebate r) {
        Terms t = s.terms();
        return s.withTerms(new Terms(t.discounts(), r, t.paymentDays(), t.contractYears(), t.renewalProbability(),
                t.services(), t.upfrontInvestment()));
    }

    static Scenario withBaselineRebate(Scenario s, Rebate r) {
        Terms t = s.baseline();
        return s.withBaseline(new Terms(t.discounts(), r, t.paymentDays(), t.contractYears(), t.renewalProbability(),
                t.services(), t.upfrontInvestment()));
    }
}
