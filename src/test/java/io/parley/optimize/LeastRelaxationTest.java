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
 * deep discounts and a year-1 margin floor that allows only shallow ones. Each rule's slack costs per
 * unit of its bound, as the contract weighs them (a bound below 1 counts as 1, so the margin rule, bound 0,
 * weighs each euro as a whole demand). At a fixed combination the least slacks are the rules' shortfalls,
 * so the least relaxation is the combination with the cheapest weighted shortfall.
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
        CompiledScenario c = CompiledScenario.compile(Direct.threeProfiles());
        return Direct.problem(c, List.of(menu(c, SHRINKING, shrinkingOptions), menu(c, FLAT, flatOptions)), maximise(NPV),
                atLeast("customer NPV ≥ demand", CUSTOMER_NPV, customerDemand()), MetricRules.marginFloorInYear("contribution margin (year 1)", 0, marginFloor()).get(0));
    }

    @Test
    void theLeastRelaxationIsTheEnumeratedOneInEveryOrderOfTheMenus() {
        double c = marginFloor();
        double demand = customerDemand();
        List<Figures> all = new ArrayList<>();
        for (double s : OPTIONS) for (double f : OPTIONS) all.add(Figures.at(s, f));
        double customerSize = demand;
        double marginSize = 1;
        double best = Double.POSITIVE_INFINITY;
        double secondBest = Double.POSITIVE_INFINITY;
        double[] bestShortfall = null;
        Figures bestFigures = null;
        for (Figures f : all) {
            double customerShort = Math.max(0, demand - f.customerNpv());
            double marginShort = Math.max(0, -f.marginRule(c));
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
