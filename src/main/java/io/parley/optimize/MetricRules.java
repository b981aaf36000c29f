package io.parley.optimize;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.parley.engine.Line;
import io.parley.engine.Metric;
import io.parley.model.Numbers;

/**
 * A bound on one summary metric, min ≤ metric ≤ max, written as the linear rules the optimiser can keep.
 * Currency metrics are linear in the terms as they are. A ratio is not, but a bound on one is: for a
 * positive denominator, numerator / (a − b) ≥ c ⇔ numerator − c × (a − b) ≥ 0. The lowest year's margin
 * is at least c exactly when every year's margin is, so its floor becomes one rule per contract year.
 */
public final class MetricRules {

    private MetricRules() {
    }

    /** False for metrics no linear rule can bound: the payback period and the revenue growth rate. */
    public static boolean isLinear(Metric m) {
        return m != Metric.PAYBACK_PERIOD && m != Metric.REVENUE_CAGR;
    }

    /** False for the lowest year's margin: "some year's margin ≤ c" is a disjunction, not a linear rule. */
    /** Why {@code m} cannot be a rule of an optimisation, if it cannot. */
    public static Optional<String> problemWithMetric(Metric m) {
        return isLinear(m) ? Optional.empty() : Optional.of("'" + m.apiName + "' is not linear in the terms, so it cannot "
                + "be a rule of the optimisation; check it on the answer, or sweep it");
    }

    /** Why {@code m} cannot have a ceiling, if it cannot. */
    public static Optional<String> problemWithCeiling(Metric m) {
        return takesCeiling(m) ? Optional.empty() : Optional.of("a ceiling on the lowest year's margin is not a linear rule; "
                + "constrain a year's contribution instead");
    }

    /** The summed line of the contract-year table spelt {@code name}, if it is one: only sums are linear in the terms. */
    public static Optional<Line> summedLine(String name) {
        for (Line l : Line.values()) {
            if (l.apiName.equals(name)) return l.aggregation == Line.Aggregation.SUM ? Optional.of(l) : Optional.empty();
        }
        return Optional.empty();
    }

    /** Why {@code year} is no contract year of a {@code years}-year deal, if it is not. */
    public static Optional<String> problemWithYear(int year, int years) {
        return year >= 1 && year <= years ? Optional.empty() : Optional.of(year + " is outside contract years 1–" + years);
    }

    public static boolean takesCeiling(Metric m) {
        return m != Metric.MIN_YEAR_CONTRIBUTION_MARGIN_PCT;
    }

    /**
     * The rules that keep {@code m} within [min, max] over a contract of {@code years} years, named
     * after {@code name}.
     *
     * @throws IllegalArgumentException when {@code m} is not {@linkplain #isLinear linear}, or is the
     *                                  lowest year's margin with a finite max
     */
    public static List<Constraint> bound(String name, Metric m, double min, double max, int years) {
        if (!isLinear(m)) throw new IllegalArgumentException(m.apiName + " is not linear in the terms");
        Quantity nr = new Quantity.OfMetric(Metric.NET_REVENUE);
        Quantity rb = new Quantity.OfMetric(Metric.REBATE);
        return switch (m) {
            // margin / (netRevenue − rebate) within [min, max]
            case GROSS_MARGIN_PCT -> ratioWithin(name, name, m.apiName, true, new Quantity.OfMetric(Metric.GROSS_MARGIN), nr, rb, min, max);
            case CONTRIBUTION_MARGIN_PCT -> ratioWithin(name, name, m.apiName, true, new Quantity.OfMetric(Metric.CONTRIBUTION), nr, rb, min, max);
            case MIN_YEAR_CONTRIBUTION_MARGIN_PCT -> {
                if (!Double.isInfinite(max)) throw new IllegalArgumentException("a ceiling on the lowest year's margin is not linear");
                yield marginFloorEveryYear(name, min, years);
            }
            // customerNpv / concessionCost ≥ c ⇔ customerNpv − c × concessionCost ≥ 0 (for a positive concession)
            case VALUE_LEVERAGE -> ratioWithin(name, name, m.apiName, false, new Quantity.OfMetric(Metric.CUSTOMER_NPV),
                    new Quantity.OfMetric(Metric.CONCESSION_COST), null, min, max);
            default -> List.of(new Constraint(name, LinearForm.of(new Quantity.OfMetric(m), 1), min, max));
        };
    }

    /** contribution / (net revenue − rebate) ≥ min in each of the first {@code years} contract years. */
    public static List<Constraint> marginFloorEveryYear(String name, double min, int years) {
        List<Constraint> perYear = new ArrayList<>();
        for (int y = 0; y < years; y++) perYear.addAll(marginFloorInYear(name + " (year " + (y + 1) + ")", name, y, min));
        return perYear;
    }

    /** contribution / (net revenue − rebate) ≥ min in contract year {@code year} (0-based). */
    public static List<Constraint> marginFloorInYear(String name, int year, double min) {
        return marginFloorInYear(name, name, year, min);
    }

    /** As above, the rule one year's part of {@code condition} (a floor in every year). */
    private static List<Constraint> marginFloorInYear(String name, String condition, int year, double min) {
        return ratioWithin(name, condition, Metric.CONTRIBUTION_MARGIN_PCT.apiName + " in year " + (year + 1), true,
                new Quantity.OfYear(Line.CONTRIBUTION, year), new Quantity.OfYear(Line.NET_REVENUE, year),
                new Quantity.OfYear(Line.REBATE, year), min, Double.POSITIVE_INFINITY);
    }

    /**
     * numerator / (a − b) within [min, max] (b may be null: numerator / a), as numerator − c × (a − b) ≥ 0
     * for a finite floor c and ≤ 0 for a finite ceiling c: one rule per finite bound, whose name shows
     * the linear form it stands for. Exact where a − b is positive.
     */
    public static List<Constraint> ratioWithin(String name, Quantity numerator, Quantity a, Quantity b, double min, double max) {
        String label = numerator.label() + " / " + (b == null ? a.label() : "(" + a.label() + " − " + b.label() + ")");
        return ratioWithin(name, name, label, b != null, numerator, a, b, min, max);   // over a revenue net of rebate: a margin
    }

    /**
     * As above, the ratio called {@code what} where answers speak of it in its own units
     * ("contributionMarginPct"), in per cent when it is a {@code share}.
     */
    public static List<Constraint> ratioWithin(String name, String condition, String what, boolean share, Quantity numerator,
                                               Quantity a, Quantity b, double min, double max) {
        List<Constraint> out = new ArrayList<>();
        if (Double.isFinite(min)) out.add(linearised(name, condition, what, share, numerator, a, b, min, true));
        if (Double.isFinite(max)) out.add(linearised(name, condition, what, share, numerator, a, b, max, false));
        return out;
    }

    /** numerator − c × (a − b) ≥ 0 (a floor) or ≤ 0 (a ceiling). */
    private static Constraint linearised(String name, String condition, String what, boolean share, Quantity numerator,
                                         Quantity a, Quantity b, double c, boolean floor) {
        LinearForm form = LinearForm.of(numerator, 1).plus(a, -c);
        if (b != null) form = form.plus(b, c);
        String denominator = "(" + a.label() + (b == null ? "" : " − " + b.label()) + ")";
        String how = name + " [as " + numerator.label() + " − " + Numbers.plain(c) + " × " + denominator + " "
                + (floor ? "≥" : "≤") + " 0]";
        LinearForm under = b == null ? LinearForm.of(a, 1) : LinearForm.of(a, 1).plus(b, -1);
        Constraint.Ratio ratio = new Constraint.Ratio(what, LinearForm.of(numerator, 1), under, c, floor, share,
                condition);
        return new Constraint(how, form, floor ? 0 : Double.NEGATIVE_INFINITY, floor ? Double.POSITIVE_INFINITY : 0, ratio);
    }
}
