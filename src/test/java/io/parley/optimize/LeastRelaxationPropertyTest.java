package io.parley.optimize;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import io.parley.engine.CompiledScenario;
import io.parley.optimize.LeastRelaxationTest.Figures;

import static io.parley.optimize.Direct.CUSTOMER_NPV;
import static io.parley.optimize.Direct.NPV;
import static io.parley.optimize.Direct.atLeast;
import static io.parley.optimize.Direct.maximise;
import static io.parley.optimize.Direct.menu;
import static io.parley.optimize.LeastRelaxationTest.FLAT;
import static io.parley.optimize.LeastRelaxationTest.SHRINKING;
import static io.parley.optimize.LeastRelaxationTest.permutations;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The least relaxation over random small deals, each in every order of its menus, against enumeration
 * (issue 11, defect 5). Each deal: two discount menus of three random options on {@link Direct#threeProfiles()},
 * a customer-NPV demand no combination meets together with a year-1 margin floor. The contract weighs a
 * shortfall per unit of its bound in its own units, a ratio's points measured over the largest denominator
 * D_max any combination reaches (so the problem stays linear): cost(x) = (demand − cNPV)⁺ / demand
 * + (c D − N)⁺ / D_max / max(c, 0.01). Checked: the relaxation is the enumerated least of that cost in every
 * order. And what remains: in the margin's own points at the deal reached, (c − N/D)⁺ = (c D − N)⁺ / D, the
 * cost is only bounded, not least: cost ≤ true cost ≤ cost × D_max / D, so the relaxation found costs at most
 * D_max / D_min times the truly least in its own points, as checked here too.
 */
class LeastRelaxationPropertyTest {

    static final int DEALS = 6;

    record Deal(double[] shrinking, double[] flat, double demand, double floor) {
    }

    /** A deal whose two rules cannot both be met: the demand of deep discounts, the margin of shallow ones. */
    static Deal random(SplittableRandom rnd) {
        double[] s = new double[3], f = new double[3];
        for (int i = 0; i < 3; i++) {
            s[i] = Math.round(rnd.nextDouble(0, 0.3) * 1000) / 1000.0;
            f[i] = Math.round(rnd.nextDouble(0, 0.3) * 1000) / 1000.0;
        }
        double[] ss = s.clone(), ff = f.clone();
        Arrays.sort(ss);
        Arrays.sort(ff);
        // the demand: a little more than the deepest pair gives; the floor: the margin of a shallow pair
        Figures deep = Figures.at(ss[2], ff[2]);
        Figures shallow = Figures.at(ss[0], ff[rnd.nextInt(2)]);
        double demand = deep.customerNpv() * rnd.nextDouble(0.9, 1.05);
        double floor = shallow.contribution() / (shallow.netRevenue() - shallow.rebate()) * rnd.nextDouble(0.98, 1.01);
        return new Deal(s, f, demand, floor);
    }

    static DealProblem problem(Deal deal, double[] shrinking, double[] flat) {
        CompiledScenario c = CompiledScenario.compile(Direct.threeProfiles());
        return Direct.problem(c, List.of(menu(c, SHRINKING, shrinking), menu(c, FLAT, flat)), maximise(NPV),
                atLeast("customer NPV ≥ demand", CUSTOMER_NPV, deal.demand()),
                MetricRules.marginFloorInYear("contribution margin (year 1)", 0, deal.floor()).get(0));
    }

    @Test
    void theLeastRelaxationIsTheEnumeratedLeastInEveryOrderOfEveryRandomDeal() {
        SplittableRandom rnd = new SplittableRandom(20261203);
        int tested = 0;
        for (int attempt = 0; tested < DEALS && attempt < 10 * DEALS; attempt++) {
            Deal deal = random(rnd);
            List<Figures> all = new ArrayList<>();
            for (double s : deal.shrinking()) for (double f : deal.flat()) all.add(Figures.at(s, f));
            double c = deal.floor();
            double dMax = 0, dMin = Double.POSITIVE_INFINITY;
            for (Figures f : all) {
                dMax = Math.max(dMax, f.netRevenue() - f.rebate());
                dMin = Math.min(dMin, f.netRevenue() - f.rebate());
            }
            double best = Double.POSITIVE_INFINITY, second = Double.POSITIVE_INFINITY, trueLeast = Double.POSITIVE_INFINITY;
            Figures bestFigures = null;
            boolean feasible = false;
            for (Figures f : all) {
                double customerShort = Math.max(0, deal.demand() - f.customerNpv()) / deal.demand();
                double marginMoney = Math.max(0, -f.marginRule(c));
                double cost = customerShort + marginMoney / dMax / Math.max(c, 0.01);
                double trueCost = customerShort + marginMoney / (f.netRevenue() - f.rebate()) / Math.max(c, 0.01);
                feasible |= cost == 0;
                trueLeast = Math.min(trueLeast, trueCost);
                if (cost < best) {
                    second = best;
                    best = cost;
                    bestFigures = f;
                } else {
                    second = Math.min(second, cost);
                }
            }
            // a deal some combination meets needs no relaxation; a tie has two least answers: draw another
            if (feasible || second <= best * (1 + 1e-6)) continue;
            tested++;
            double customerBy = Math.max(0, deal.demand() - bestFigures.customerNpv());
            double marginReached = bestFigures.contribution() / (bestFigures.netRevenue() - bestFigures.rebate());
            double marginBy = Math.max(0, c - marginReached);
            double trueCostOfBest = customerBy / deal.demand() + marginBy / Math.max(c, 0.01);
            assertThat(trueCostOfBest).as("the bound D_max / D_min on the true cost")
                    .isBetween(trueLeast * (1 - 1e-9), trueLeast * dMax / dMin * (1 + 1e-9));

            for (double[] shrinking : permutations(deal.shrinking())) {
                for (double[] flat : permutations(deal.flat())) {
                    String order = "deal " + tested + ": " + Arrays.toString(shrinking) + " × " + Arrays.toString(flat);
                    DealOptimizer.Solution s = DealOptimizer.solve(problem(deal, shrinking, flat));
                    assertThat(s.status()).as(order).isEqualTo(DealOptimizer.Status.INFEASIBLE);
                    double customer = 0, margin = 0;
                    for (DealOptimizer.Relaxation r : s.relaxation()) {
                        if (r.name().startsWith("customer")) customer = r.by();
                        else margin = r.by();
                    }
                    assertThat(customer).as(order + ": customer NPV relaxed by").isCloseTo(customerBy, within(1e-6 * deal.demand()));
                    assertThat(margin).as(order + ": margin relaxed by").isCloseTo(marginBy, within(1e-9));
                }
            }
        }
        assertThat(tested).as("random deals that needed a relaxation").isEqualTo(DEALS);
    }
}
