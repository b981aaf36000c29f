package io.parley.optimize;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.parley.engine.CompiledScenario;
import io.parley.engine.Line;
import io.parley.model.Scenario;

import static io.parley.optimize.Direct.CUSTOMER_NPV;
import static io.parley.optimize.Direct.NPV;
import static io.parley.optimize.Direct.atLeast;
import static io.parley.optimize.Direct.maximise;
import static io.parley.optimize.Direct.menu;
import static io.parley.optimize.Direct.problem;
import static io.parley.optimize.Direct.rel;
import static io.parley.optimize.Direct.set;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The least relaxation of an infeasible deal against enumeration, whatever order the menus list their
 * options in. Two discount menus on {@link Direct#threeProfiles()} under a customer-NPV demand that needs
 * deep discounts and a year-1 margin floor that allows only shallow ones. Each condition's shortfall costs
 * per unit of its bound in its own units, as the contract weighs them (issue 11): the demand's in money
 * per unit of the demand, the margin's in points of the margin per unit of the floor (a bound below one
 * point counting as one point), the points measured over the largest year-1 revenue (net of rebate) of
 * any combination: (c × D − N) / D_max. At a fixed combination the least shortfalls are the conditions'
 * own, so the least relaxation is the combination with the cheapest weighted shortfall.
 */
class LeastRelaxationTest {

    static final String SHRINKING = "terms.discounts[shrinking]";
    static final String FLAT = "terms.discounts[flat]";
    static final double[] OPTIONS = {0, 0.1, 0.2};

    static final Quantity CONTRIBUTION = new Quantity.OfYear(Line.CONTRIBUTION, 0);
    static final Quantity NET_REVENUE = new Quantity.OfYear(Line.NET_REVENUE, 0);
    static final Quantity REBATE = new Quantity.OfYear(Line.REBATE, 0);

    /** The combination's figures, evaluated directly: customer NPV, and the margin rule's three year-1 figures. */
    record Figures(double customerNpv, double contribution, double netRevenue, double rebate) {
        static Figures at(double shrinking, double flat) {
            Scenario s = set(Direct.threeProfiles(), SHRINKING, shrinking, FLAT, flat);
            return new Figures(Direct.read(s, CUSTOMER_NPV), Direct.read(s, CONTRIBUTION), Direct.read(s, NET_REVENUE),
                    Direct.read(s, REBATE));
        }

        double marginRule(double c) {
            return contribution - c * (netRevenue - rebate);
        }
    }

    /** The margin demanded: the year-1 margin with only shrinking's discount at 0.1. */
    static double marginFloor() {
        Figures f = Figures.at(0.1, 0);
        return f.contribution() / (f.netRevenue() - f.rebate());
    }

    /** The customer demand: what shrinking at 0.1 and flat at 0.2 give. */
    static double customerDemand() {
        return Figures.at(0.1, 0.2).customerNpv();
    }

    static DealProblem problem(double[] shrinkingOptions, double[] flatOptions) {
        return problem(1, shrinkingOptions, flatOptions);
    }

    /** The problem on {@link Direct#threeProfiles(double)}, its demand scaled with it, its margin floor as it is. */
    static DealProblem problem(double scale, double[] shrinkingOptions, double[] flatOptions) {
        CompiledScenario c = CompiledScenario.compile(Direct.threeProfiles(scale));
        return Direct.problem(c, List.of(menu(c, SHRINKING, shrinkingOptions), menu(c, FLAT, flatOptions)), maximise(NPV),
                atLeast("customer NPV ≥ demand", CUSTOMER_NPV, scale * customerDemand()),
                MetricRules.marginFloorInYear("contribution margin (year 1)", 0, marginFloor()).get(0));
    }

    @Test
    void theLeastRelaxationIsTheEnumeratedOneInEveryOrderOfTheMenus() {
        double c = marginFloor();
        double demand = customerDemand();
        List<Figures> all = new ArrayList<>();
        for (double s : OPTIONS) for (double f : OPTIONS) all.add(Figures.at(s, f));
        double customerSize = demand;
        double marginSize = Math.max(0.01, c);
        double largestRevenue = 0;
        for (Figures f : all) largestRevenue = Math.max(largestRevenue, f.netRevenue() - f.rebate());
        double best = Double.POSITIVE_INFINITY;
        double secondBest = Double.POSITIVE_INFINITY;
        double[] bestShortfall = null;
        Figures bestFigures = null;
        for (Figures f : all) {
            double customerShort = Math.max(0, demand - f.customerNpv());
            double marginShort = Math.max(0, -f.marginRule(c)) / largestRevenue;
            double cost = customerShort / customerSize + marginShort / marginSize;
            assertThat(cost).as("no combination meets both rules").isPositive();
            if (cost < best) {
                secondBest = best;
                best = cost;
                bestShortfall = new double[] {customerShort, marginShort};
                bestFigures = f;
            } else {
                secondBest = Math.min(secondBest, cost);
            }
        }
        assertThat(secondBest).as("the cheapest relaxation is unique").isGreaterThan(best * (1 + 1e-6));
        // the margin rule gives in the margin's own units: from c to the margin the cheapest combination reaches
        double marginReached = bestFigures.contribution() / (bestFigures.netRevenue() - bestFigures.rebate());
        double marginByRatio = bestShortfall[1] > 0 ? c - marginReached : 0;

        for (double[] shrinking : permutations(OPTIONS)) {
            for (double[] flat : permutations(OPTIONS)) {
                DealOptimizer.Solution s = DealOptimizer.solve(problem(shrinking, flat));
                String order = java.util.Arrays.toString(shrinking) + " × " + java.util.Arrays.toString(flat);
                assertThat(s.status()).as(order).isEqualTo(DealOptimizer.Status.INFEASIBLE);
                double customerBy = 0;
                double marginBy = 0;
                for (DealOptimizer.Relaxation r : s.relaxation()) {
                    if (r.name().startsWith("customer")) customerBy = r.by();
                    else marginBy = r.by();
                }
                assertThat(customerBy).as(order + ": customer NPV relaxed by").isCloseTo(bestShortfall[0], rel(demand, 1e-9));
                assertThat(marginBy).as(order + ": margin relaxed by (a ratio)").isCloseTo(marginByRatio, within(1e-9));

            }
        }
    }

    /**
     * The relaxation does not depend on the deal's size: with every volume and fixed cost a thousandth or
     * ten times as large, and the demand with them, the demand gives that multiple of the money and the
     * margin the same points. (Weighing a margin's shortfall per euro, as before issue 11, let the margin
     * give on the small deal and the demand on the large one.)
     */
    @Test
    void theLeastRelaxationIsTheSameForADealOfAnySize() {
        DealOptimizer.Solution one = DealOptimizer.solve(problem(1, OPTIONS, OPTIONS));
        for (double scale : new double[] {0.001, 10}) {
            DealOptimizer.Solution other = DealOptimizer.solve(problem(scale, OPTIONS, OPTIONS));
            assertThat(other.status()).isEqualTo(DealOptimizer.Status.INFEASIBLE);
            assertThat(other.relaxation()).as("× %s", scale).extracting(DealOptimizer.Relaxation::name)
                    .containsExactlyElementsOf(one.relaxation().stream().map(DealOptimizer.Relaxation::name).toList());
            for (int i = 0; i < one.relaxation().size(); i++) {
                DealOptimizer.Relaxation base = one.relaxation().get(i);
                DealOptimizer.Relaxation scaled = other.relaxation().get(i);
                if (base.unit() == Constraint.Unit.RATIO) {
                    assertThat(scaled.by()).as("%s × %s", base.name(), scale).isCloseTo(base.by(), within(1e-9));
                } else {
                    assertThat(scaled.by()).as("%s × %s", base.name(), scale)
                            .isCloseTo(scale * base.by(), rel(scale * base.by(), 1e-9));
                }
            }
        }
    }

    static List<double[]> permutations(double[] options) {
        List<double[]> out = new ArrayList<>();
        permute(options.clone(), 0, out);
        return out;
    }

    private static void permute(double[] a, int from, List<double[]> out) {
        if (from == a.length) {
            out.add(a.clone());
            return;
        }
        for (int i = from; i < a.length; i++) {
            double t = a[from];
            a[from] = a[i];
            a[i] = t;
            permute(a, from + 1, out);
            a[i] = a[from];
            a[from] = t;
        }
    }
}
