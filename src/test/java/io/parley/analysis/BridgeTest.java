package io.parley.analysis;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.parley.Fixtures;
import io.parley.engine.CompiledScenario;
import io.parley.engine.Metric;
import io.parley.model.RebateBasis;
import io.parley.model.Scenario;

import static io.parley.analysis.Plain.close;
import static io.parley.analysis.Plain.same;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * Bridge: a metric's change from a baseline to a variant split over the levers that changed. Shapley is
 * checked against a case solved by hand and against its definition (the average marginal contribution over
 * every order, by enumeration of plain evaluations); sequential against successive plain evaluations.
 */
class BridgeTest {

    static final Scenario DEAL = Fixtures.example("industrial-consumables-rebates.json");
    static final CompiledScenario COMPILED = CompiledScenario.compile(DEAL);
    static final List<Metric> METRICS = List.of(Metric.NPV, Metric.CONTRIBUTION, Metric.CUSTOMER_NPV,
            Metric.CONTRIBUTION_MARGIN_PCT);

    /** Five levers of the example changed: (path, new value), paths as the engine spells them. */
    static final Object[] FIVE = {
            "terms.discounts[carbide-inserts]", 0.10,       // from 0.08
            "terms.paymentDays", 60,                         // from 90
            "terms.rebate.tiers[2].rate", 0.03,              // from 0.025
            "products[abrasive-discs].listPrice", 2.45,      // from 2.35
            "costToServe.fixedPerYear", 100000};             // from 95000

    static Bridge.Change change(CompiledScenario compiled, String path, double to) {
        return new Bridge.Change(path, compiled.slot(path), Plain.valueOf(compiled.scenario(), path), to);
    }

    static List<Bridge.Change> changes(Object... pathValuePairs) {
        List<Bridge.Change> out = new ArrayList<>();
        for (int i = 0; i < pathValuePairs.length; i += 2) {
            out.add(change(COMPILED, (String) pathValuePairs[i], ((Number) pathValuePairs[i + 1]).doubleValue()));
        }
        return out;
    }

    /** The scenario with the given changes applied through Levers.apply. */
    static Scenario applied(Scenario s, List<Bridge.Change> changes) {
        Scenario out = s;
        for (Bridge.Change c : changes) {
            out = Plain.set(out, c.lever(), c.to());
        }
        return out;
    }

    /** Tolerance for a contribution: 1e-9 of the largest figure in play. */
    static org.assertj.core.data.Offset<Double> closeTo(double... scale) {
        double max = 0;
        for (double v : scale) max = Math.max(max, Math.abs(v));
        return within(Math.max(max * Plain.CLOSE, Plain.CLOSE));
    }

    // --- the case solved by hand ---

    @Test
    void shapleySplitsTheInteractionTermEquallyOnAFlatDeal() {
        // one year annual, d = 0.1: NR = V × P × (1 − d); V 1000 → 1100 (ΔV = 100), P 10 → 12 (ΔP = 2)
        // NR0 = 1000 × 10 × 0.9 = 9000; NR1 = 1100 × 12 × 0.9 = 11880; total 2880
        // Shapley V = ΔV P0 (1 − d) + ½ ΔV ΔP (1 − d) = 100 × 10 × 0.9 + ½ × 100 × 2 × 0.9 = 900 + 90 = 990
        // Shapley P = ΔP V0 (1 − d) + ½ ΔV ΔP (1 − d) = 2 × 1000 × 0.9 + 90 = 1800 + 90 = 1890
        // sequential V then P: 900, then 1100 × 2 × 0.9 = 1980
        CompiledScenario flat = CompiledScenario.compile(Plain.set(Fixtures.flatDeal(1, 1), "terms.discounts[widgets]", 0.1));
        List<Bridge.Change> changes = List.of(change(flat, "products[widgets].baseVolume", 1100),
                change(flat, "products[widgets].listPrice", 12));
        assertThat(changes).extracting(Bridge.Change::from).containsExactly(1000.0, 10.0);

        Bridge.Waterfall shapley = Bridge.run(flat, changes, List.of(Metric.NET_REVENUE), Bridge.Method.SHAPLEY).waterfalls().get(0);
        assertThat(shapley.baseline()).isCloseTo(9000, same(9000));
        assertThat(shapley.variant()).isCloseTo(11880, same(11880));
        assertThat(shapley.total()).isCloseTo(2880, same(2880));
        assertThat(shapley.contributions()[0]).isCloseTo(990, same(990));
        assertThat(shapley.contributions()[1]).isCloseTo(1890, same(1890));

        Bridge.Waterfall sequential = Bridge.run(flat, changes, List.of(Metric.NET_REVENUE), Bridge.Method.SEQUENTIAL).waterfalls().get(0);
        assertThat(sequential.contributions()[0]).isCloseTo(900, same(900));
        assertThat(sequential.contributions()[1]).isCloseTo(1980, same(1980));
        assertThat(sequential.total()).isCloseTo(2880, same(2880));
    }

    @Test
    void shapleyWithThreeFactorsSolvedByHand() {
        // NR = V × P × (1 − d) = V × P × q with q = 1 − d; V 1000 → 1100, P 10 → 12, d 0.1 → 0.2 (q 0.9 → 0.8)
        // for a product of three factors the Shapley share of x is
        //   Δx [ y0 z0 + ½ (Δy z0 + y0 Δz) + ⅓ Δy Δz ]
        // V: 100 × [10 × 0.9 + ½ (2 × 0.9 + 10 × (−0.1)) + ⅓ × 2 × (−0.1)] = 100 × [9 + 0.4 − 0.0666…] = 933.333…
        // P: 2 × [1000 × 0.9 + ½ (100 × 0.9 + 1000 × (−0.1)) + ⅓ × 100 × (−0.1)] = 2 × [900 − 5 − 3.333…] = 1783.333…
        // d: −0.1 × [1000 × 10 + ½ (100 × 10 + 1000 × 2) + ⅓ × 100 × 2] = −0.1 × [10000 + 1500 + 66.666…] = −1156.666…
        // total: 1100 × 12 × 0.8 − 9000 = 10560 − 9000 = 1560 = 933.333… + 1783.333… − 1156.666…
        CompiledScenario flat = CompiledScenario.compile(Plain.set(Fixtures.flatDeal(1, 1), "terms.discounts[widgets]", 0.1));
        List<Bridge.Change> changes = List.of(change(flat, "products[widgets].baseVolume", 1100),
                change(flat, "products[widgets].listPrice", 12), change(flat, "terms.discounts[widgets]", 0.2));

        double[] c = Bridge.run(flat, changes, List.of(Metric.NET_REVENUE), Bridge.Method.SHAPLEY).waterfalls().get(0).contributions();

        assertThat(c[0]).isCloseTo(2800.0 / 3, close(2800.0 / 3));
        assertThat(c[1]).isCloseTo(5350.0 / 3, close(5350.0 / 3));
        assertThat(c[2]).isCloseTo(-3470.0 / 3, close(3470.0 / 3));
    }

    // --- an example with five changed levers ---

    @Test
    void contributionsSumToTheTotalChangeForBothMethods() {
        List<Bridge.Change> changes = changes(FIVE);
        double[] before = Plain.summary(DEAL);
        double[] after = Plain.summary(applied(DEAL, changes));

        for (Bridge.Method method : Bridge.Method.values()) {
            Bridge.Result result = Bridge.run(COMPILED, changes, METRICS, method);
            assertThat(result.method()).isEqualTo(method);
            assertThat(result.steps()).extracting(Bridge.Step::changes).containsExactlyElementsOf(
                    changes.stream().map(List::of).toList());
            for (Bridge.Waterfall w : result.waterfalls()) {
                int m = w.metric().ordinal();
                String what = method + " " + w.metric().apiName;
                assertThat(w.baseline()).as(what + " baseline").isCloseTo(before[m], same(before[m]));
                assertThat(w.variant()).as(what + " variant").isCloseTo(after[m], same(after[m]));
                double total = after[m] - before[m];
                assertThat(w.total()).as(what + " total").isCloseTo(total, closeTo(total, before[m]));
                assertThat(Arrays.stream(w.contributions()).sum()).as(what + " sum of contributions")
                        .isCloseTo(total, close(total));
            }
        }
    }

    @Test
    void sequentialContributionsAreSuccessivePlainEvaluationsInTheGivenOrder() {
        List<Bridge.Change> changes = changes(FIVE);
        List<Bridge.Change> reversed = new ArrayList<>(changes);
        java.util.Collections.reverse(reversed);

        for (List<Bridge.Change> order : List.of(changes, reversed)) {
            Bridge.Result result = Bridge.run(COMPILED, order, METRICS, Bridge.Method.SEQUENTIAL);
            Scenario step = DEAL;
            double[] previous = Plain.summary(step);
            for (int i = 0; i < order.size(); i++) {
                step = Plain.set(step, order.get(i).lever(), order.get(i).to());
                double[] next = Plain.summary(step);
                for (Bridge.Waterfall w : result.waterfalls()) {
                    int m = w.metric().ordinal();
                    double expected = next[m] - previous[m];
                    assertThat(w.contributions()[i]).as("%s step %d (%s)", w.metric().apiName, i, order.get(i).lever())
                            .isCloseTo(expected, closeTo(expected, next[m]));
                }
                previous = next;
            }
        }
    }

    @Test
    void shapleyIsTheAverageMarginalContributionOverEveryOrder() {
        // by definition: φ_i = (1/m!) Σ over the m! orders of [v(before i ∪ {i}) − v(before i)],
        // with v(S) a plain evaluation of the scenario with the changes in S applied
        List<Bridge.Change> changes = changes(FIVE);
        int m = changes.size();
        double[][] value = new double[1 << m][];
        for (int mask = 0; mask < 1 << m; mask++) {
            List<Bridge.Change> subset = new ArrayList<>();
            for (int i = 0; i < m; i++) if ((mask & 1 << i) != 0) subset.add(changes.get(i));
            value[mask] = Plain.summary(applied(DEAL, subset));
        }
        double[][] phi = new double[METRICS.size()][m];
        List<int[]> orders = permutations(m);
        for (int[] order : orders) {
            int before = 0;
            for (int i : order) {
                for (int k = 0; k < METRICS.size(); k++) {
                    int metric = METRICS.get(k).ordinal();
                    phi[k][i] += (value[before | 1 << i][metric] - value[before][metric]) / orders.size();
                }
                before |= 1 << i;
            }
        }

        Bridge.Result result = Bridge.run(COMPILED, changes, METRICS, Bridge.Method.SHAPLEY);
        for (int k = 0; k < METRICS.size(); k++) {
            Bridge.Waterfall w = result.waterfalls().get(k);
            for (int i = 0; i < m; i++) {
                assertThat(w.contributions()[i]).as("%s %s", w.metric().apiName, changes.get(i).lever())
                        .isCloseTo(phi[k][i], closeTo(phi[k][i], w.total()));
            }
        }
    }

    @Test
    void shapleyDoesNotDependOnTheOrderOfTheChanges() {
        List<Bridge.Change> changes = changes(FIVE);
        Map<String, double[]> reference = byLever(Bridge.run(COMPILED, changes, METRICS, Bridge.Method.SHAPLEY));

        for (int[] order : List.of(new int[] {4, 3, 2, 1, 0}, new int[] {2, 0, 4, 1, 3}, new int[] {1, 2, 3, 4, 0})) {
            List<Bridge.Change> permuted = Arrays.stream(order).mapToObj(changes::get).toList();
            Bridge.Result result = Bridge.run(COMPILED, permuted, METRICS, Bridge.Method.SHAPLEY);
            for (int k = 0; k < METRICS.size(); k++) {
                Bridge.Waterfall w = result.waterfalls().get(k);
                for (int i = 0; i < permuted.size(); i++) {
                    double want = reference.get(permuted.get(i).lever())[k];
                    assertThat(w.contributions()[i]).as("%s %s in order %s", w.metric().apiName, permuted.get(i).lever(),
                            Arrays.toString(order)).isCloseTo(want, closeTo(want, w.total()));
                }
            }
        }
    }

    @Test
    void leverWithNoEffectOnTheMetricContributesZero() {
        // npv = Σ ECF(t) × (1 + r_s)^−(t+1)/ppy: the customer's cost of capital r_c appears nowhere in it
        String rc = "customer.costOfCapital";
        assertThat(Plain.metric(DEAL, Metric.NPV, rc, 0.25)).isEqualTo(Plain.metric(DEAL, Metric.NPV));
        List<Bridge.Change> changes = changes("terms.discounts[carbide-inserts]", 0.10, rc, 0.25,
                "terms.paymentDays", 60, "costToServe.fixedPerYear", 100000);

        for (Bridge.Method method : Bridge.Method.values()) {
            Bridge.Result result = Bridge.run(COMPILED, changes, List.of(Metric.NPV, Metric.CUSTOMER_NPV), method);
            assertThat(result.waterfalls().get(0).contributions()[1]).as(method + " npv from r_c").isZero();
            // but r_c does move the customer's NPV
            assertThat(result.waterfalls().get(1).contributions()[1]).as(method + " customerNpv from r_c").isNotZero();
        }
    }

    // --- differences ---

    @Test
    void differencesListExactlyTheChangedSlotsWithFromAndTo() {
        CompiledScenario variant = CompiledScenario.compile(Plain.set(DEAL, FIVE));

        List<Bridge.Change> found = Bridge.differences(COMPILED, variant);

        // exactly the five levers set, each with the scenario's value and the new one, in slot order
        List<Bridge.Change> expected = new ArrayList<>(changes(FIVE));
        expected.sort(java.util.Comparator.comparingInt(Bridge.Change::slot));
        assertThat(found).containsExactlyElementsOf(expected);
        assertThat(found).extracting(Bridge.Change::lever).containsExactlyInAnyOrder(
                "terms.discounts[carbide-inserts]", "terms.paymentDays", "terms.rebate.tiers[2].rate",
                "products[abrasive-discs].listPrice", "costToServe.fixedPerYear");
        // from and to by hand from the scenario file
        Map<String, double[]> fromTo = new HashMap<>();
        for (Bridge.Change c : found) fromTo.put(c.lever(), new double[] {c.from(), c.to()});
        assertThat(fromTo.get("terms.discounts[carbide-inserts]")).containsExactly(0.08, 0.10);
        assertThat(fromTo.get("terms.paymentDays")).containsExactly(90, 60);
        assertThat(fromTo.get("terms.rebate.tiers[2].rate")).containsExactly(0.025, 0.03);
        assertThat(fromTo.get("products[abrasive-discs].listPrice")).containsExactly(2.35, 2.45);
        assertThat(fromTo.get("costToServe.fixedPerYear")).containsExactly(95000, 100000);
    }

    @Test
    void identicalScenariosHaveNoDifferences() {
        assertThat(Bridge.differences(COMPILED, CompiledScenario.compile(DEAL))).isEmpty();
    }

    @Test
    void aDiscountAbsentFromTheBaselineMapShowsAsAChangeFromZero() {
        // it-services-msa has no baseline discount for project-delivery: setting one creates the map entry
        Scenario msa = Fixtures.example("it-services-msa.json");
        CompiledScenario base = CompiledScenario.compile(msa);
        CompiledScenario variant = CompiledScenario.compile(Plain.set(msa, "baseline.discounts[project-delivery]", 0.03));

        assertThat(Bridge.differences(base, variant)).containsExactly(new Bridge.Change(
                "baseline.discounts[project-delivery]", base.slot("baseline.discounts[project-delivery]"), 0, 0.03));
    }

    @Test
    void scenariosOfDifferentShapeCannotBeBridged() {
        // an extra terms rebate tier changes the parameter layout
        Scenario moreTiers = Plain.withTermsRebate(DEAL, Plain.rebate(RebateBasis.INCREMENTAL,
                0, 0.005, 2500000, 0.015, 3300000, 0.025, 3800000, 0.035, 4500000, 0.04));
        assertThatThrownBy(() -> Bridge.differences(COMPILED, CompiledScenario.compile(moreTiers)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aWholeVariantIsBridgedOnlyInTheBaselinesCurrencyAndShape() {
        Scenario moreTiers = Plain.withTermsRebate(DEAL, Plain.rebate(RebateBasis.INCREMENTAL,
                0, 0.005, 2500000, 0.015, 3300000, 0.025, 3800000, 0.035, 4500000, 0.04));
        Scenario inDollars = new Scenario(DEAL.name(), DEAL.description(), "USD", DEAL.horizon(),
                DEAL.supplierCostOfCapital(), DEAL.customerCostOfCapital(), DEAL.products(), DEAL.terms(), DEAL.baseline(),
                DEAL.costToServe(), DEAL.derived());

        assertThat(Bridge.problemWithVariant(COMPILED, CompiledScenario.compile(Plain.set(DEAL, FIVE)))).isEmpty();
        assertThat(Bridge.problemWithVariant(COMPILED, CompiledScenario.compile(moreTiers)))
                .hasValueSatisfying(v -> assertThat(v.pointer()).isEmpty());
        assertThat(Bridge.problemWithVariant(COMPILED, CompiledScenario.compile(inDollars))).hasValueSatisfying(v -> {
            assertThat(v.pointer()).isEqualTo("/currency");
            assertThat(v.value()).isEqualTo("USD");
            assertThat(v.message()).startsWith("the variant is in USD and the baseline in " + DEAL.currency());
        });
    }

    // --- method choice and weights ---

    @Test
    void automaticPicksShapleyUpToTwelveLeversAndSequentialAbove() {
        for (int m = 0; m <= 12; m++) {
            assertThat(Bridge.automatic(m)).as("%d levers", m).isEqualTo(Bridge.Method.SHAPLEY);
        }
        for (int m : new int[] {13, 14, 20, 100, 1000}) {
            assertThat(Bridge.automatic(m)).as("%d levers", m).isEqualTo(Bridge.Method.SEQUENTIAL);
        }
    }

    @Test
    void shapleyRefusesMoreThanTwelveLevers() {
        List<String> paths = new ArrayList<>();
        for (String p : COMPILED.leverPaths()) if (p != null && paths.size() < 13) paths.add(p);
        List<Bridge.Change> thirteen = paths.stream().map(p -> change(COMPILED, p, Plain.valueOf(DEAL, p))).toList();

        assertThatThrownBy(() -> Bridge.run(COMPILED, thirteen, List.of(Metric.NPV), Bridge.Method.SHAPLEY))
                .isInstanceOf(IllegalArgumentException.class);
        // sequential takes them
        assertThat(Bridge.run(COMPILED, thirteen, List.of(Metric.NPV), Bridge.Method.SEQUENTIAL).waterfalls()).hasSize(1);
    }

    @Test
    void shapleyWeightsOfEveryCoalitionALeverCanJoinSumToOne() {
        // a lever joins one of C(m−1, s) coalitions of size s; Σ_s C(m−1, s) w(s) = 1, each size class carrying 1/m
        for (int m = 1; m <= 24; m++) {
            double[] w = Bridge.shapleyWeights(m);
            double sum = 0;
            for (int s = 0; s < m; s++) {
                double sizeClass = binomial(m - 1, s).doubleValue() * w[s];
                assertThat(sizeClass).as("m = %d, s = %d", m, s).isCloseTo(1.0 / m, close(1.0 / m));
                sum += sizeClass;
            }
            assertThat(sum).as("m = %d", m).isCloseTo(1, close(1));
        }
    }

    @Test
    void shapleyWeightIsTheShareOfOrdersInWhichALeverJoinsThatCoalition() {
        // w(s) = s! (m − s − 1)! / m!, exactly; and by enumeration of every order for small m
        for (int m = 1; m <= 20; m++) {
            double[] w = Bridge.shapleyWeights(m);
            for (int s = 0; s < m; s++) {
                double exact = new java.math.BigDecimal(factorial(s).multiply(factorial(m - s - 1)))
                        .divide(new java.math.BigDecimal(factorial(m)), java.math.MathContext.DECIMAL64).doubleValue();
                assertThat(w[s]).as("m = %d, s = %d", m, s).isCloseTo(exact, close(exact));
            }
        }
        for (int m = 1; m <= 6; m++) {
            // lever 0: count, for every coalition S ∌ 0, the orders in which exactly S precedes lever 0
            Map<Integer, Integer> preceding = new HashMap<>();
            List<int[]> orders = permutations(m);
            for (int[] order : orders) {
                int before = 0;
                for (int i : order) {
                    if (i == 0) break;
                    before |= 1 << i;
                }
                preceding.merge(before, 1, Integer::sum);
            }
            double[] w = Bridge.shapleyWeights(m);
            assertThat(preceding).hasSize(1 << (m - 1));
            for (Map.Entry<Integer, Integer> e : preceding.entrySet()) {
                double share = (double) e.getValue() / orders.size();
                assertThat(w[Integer.bitCount(e.getKey())]).as("m = %d, coalition %s", m, Integer.toBinaryString(e.getKey()))
                        .isCloseTo(share, close(share));
            }
        }
    }

    @Test
    void thresholdsThatWouldCrossOnTheWayMoveAsOneStep() {
        // tier 1 from 2.5 M to 3.5 M passes tier 2's 3.3 M; tier 2 moves to 3.6 M: made one at a time,
        // tier 1 first, the schedule would read 2.5 M… 3.5 M, 3.3 M — out of order, a deal the model does not define
        List<Bridge.Change> changes = changes("terms.rebate.tiers[1].threshold", 3_500_000,
                "terms.rebate.tiers[2].threshold", 3_600_000, "terms.paymentDays", 60);
        List<Bridge.Step> steps = Bridge.steps(COMPILED, changes);
        assertThat(steps).extracting(Bridge.Step::lever)
                .containsExactly("terms.rebate.tiers[1].threshold + terms.rebate.tiers[2].threshold", "terms.paymentDays");
        assertThat(steps.get(0).changes()).containsExactlyElementsOf(changes.subList(0, 2));

        // Shapley over the two steps, by hand from plain evaluations of valid deals only (tier 2 set first)
        Scenario thresholds = Plain.set(Plain.set(DEAL, "terms.rebate.tiers[2].threshold", 3_600_000),
                "terms.rebate.tiers[1].threshold", 3_500_000);
        Scenario days = Plain.set(DEAL, "terms.paymentDays", 60);
        Scenario both = Plain.set(thresholds, "terms.paymentDays", 60);
        int npv = Metric.NPV.ordinal();
        double none = Plain.summary(DEAL)[npv];
        double a = Plain.summary(thresholds)[npv];
        double b = Plain.summary(days)[npv];
        double ab = Plain.summary(both)[npv];
        Bridge.Result r = Bridge.run(COMPILED, changes, List.of(Metric.NPV), Bridge.Method.SHAPLEY);
        double wantThresholds = ((a - none) + (ab - b)) / 2;
        double wantDays = ((b - none) + (ab - a)) / 2;
        assertThat(r.waterfalls().get(0).contributions()[0]).isCloseTo(wantThresholds, close(wantThresholds));
        assertThat(r.waterfalls().get(0).contributions()[1]).isCloseTo(wantDays, close(wantDays));
    }

    @Test
    void thresholdsThatStayInOrderWhicheverMovesFirstRemainSeparateSteps() {
        // tier 1 2.5 M → 2.4 M and tier 2 3.3 M → 3.4 M: every mix keeps 2.4–2.5 M below 3.3–3.4 M
        List<Bridge.Change> changes = changes("terms.rebate.tiers[1].threshold", 2_400_000,
                "terms.rebate.tiers[2].threshold", 3_400_000);
        assertThat(Bridge.steps(COMPILED, changes)).extracting(Bridge.Step::lever)
                .containsExactly("terms.rebate.tiers[1].threshold", "terms.rebate.tiers[2].threshold");
    }

    // --- helpers ---

    static Map<String, double[]> byLever(Bridge.Result result) {
        Map<String, double[]> out = new HashMap<>();
        for (int i = 0; i < result.steps().size(); i++) {
            double[] c = new double[result.waterfalls().size()];
            for (int k = 0; k < c.length; k++) c[k] = result.waterfalls().get(k).contributions()[i];
            out.put(result.steps().get(i).lever(), c);
        }
        return out;
    }

    static List<int[]> permutations(int m) {
        List<int[]> out = new ArrayList<>();
        permute(new int[m], new boolean[m], 0, out);
        return out;
    }

    private static void permute(int[] prefix, boolean[] used, int at, List<int[]> out) {
        if (at == prefix.length) {
            out.add(prefix.clone());
            return;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (used[i]) continue;
            used[i] = true;
            prefix[at] = i;
            permute(prefix, used, at + 1, out);
            used[i] = false;
        }
    }

    static BigInteger factorial(int n) {
        BigInteger f = BigInteger.ONE;
        for (int i = 2; i <= n; i++) f = f.multiply(BigInteger.valueOf(i));
        return f;
    }

    static BigInteger binomial(int n, int k) {
        return factorial(n).divide(factorial(k).multiply(factorial(n - k)));
    }
}
