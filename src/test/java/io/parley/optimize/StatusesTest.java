package io.parley.optimize;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.parley.Fixtures;
import io.parley.engine.CompiledScenario;
import io.parley.engine.Line;
import io.parley.engine.Metric;
import io.parley.model.CostToServe;
import io.parley.model.Horizon;
import io.parley.model.Product;
import io.parley.model.Scenario;
import io.parley.model.Terms;

import static io.parley.optimize.Direct.CUSTOMER_NPV;
import static io.parley.optimize.Direct.NPV;
import static io.parley.optimize.Direct.atLeast;
import static io.parley.optimize.Direct.continuous;
import static io.parley.optimize.Direct.maximise;
import static io.parley.optimize.Direct.menu;
import static io.parley.optimize.Direct.metric;
import static io.parley.optimize.Direct.problem;
import static io.parley.optimize.Direct.rel;
import static io.parley.optimize.Direct.set;
import static io.parley.optimize.Direct.withBound;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** Every way a solve can end, and the models the optimiser refuses to build. */
class StatusesTest {

    static final String WIDGETS = "terms.discounts[widgets]";
    /** A = 1/1.1 + 1/1.1² + 1/1.1³: the flat deal's annuity factor (3 annual years at 10 %). */
    static final double A = 1 / 1.1 + 1 / (1.1 * 1.1) + 1 / (1.1 * 1.1 * 1.1);

    /** Flat deal, 3 annual years: npv(d) = (4000 − 10000 d) A, customerNpv(d) = 10000 d A, d in [0, 0.2]. */
    static DealProblem flat(Constraint... rules) {
        CompiledScenario c = CompiledScenario.compile(Fixtures.flatDeal(3, 1));
        return problem(c, List.of(continuous(c, WIDGETS, 0, 0.2)), maximise(NPV), rules);
    }

    @Test
    void optimal() {
        DealOptimizer.Solution s = DealOptimizer.solve(flat(atLeast("customer NPV ≥ 1000", CUSTOMER_NPV, 1000)));
        assertThat(s.status()).isEqualTo(DealOptimizer.Status.OPTIMAL);
        assertThat(s.backend()).isEqualTo("GLOP");
        assertThat(s.gap()).isCloseTo(0, within(1e-12));
        assertThat(s.relaxation()).isEmpty();
        assertThat(s.objectiveModel()).isCloseTo(4000 * A - 1000, rel(4000 * A, 1e-9));
    }

    @Test
    void infeasibleBeyondTheDecisionsReachRelaxesTheRuleToWhatTheyReach() {
        // the most the customer can get is customerNpv(0.2) = 2000 A ≈ 4974; ask for 6000
        double most = metric(set(Fixtures.flatDeal(3, 1), WIDGETS, 0.2), Metric.CUSTOMER_NPV);
        assertThat(most).isCloseTo(2000 * A, rel(2000 * A, 1e-12));
        DealProblem p = flat(atLeast("customer NPV ≥ 6000", CUSTOMER_NPV, 6000),
                atLeast("net revenue ≥ 0", new Quantity.OfMetric(Metric.NET_REVENUE), 0));

        DealOptimizer.Solution s = DealOptimizer.solve(p);

        assertThat(s.status()).isEqualTo(DealOptimizer.Status.INFEASIBLE);
        assertThat(s.decisionValues()).isNull();
        assertThat(s.objectiveModel()).isNaN();
        assertThat(s.relaxation()).hasSize(1);
        DealOptimizer.Relaxation r = s.relaxation().get(0);
        assertThat(r.name()).isEqualTo("customer NPV ≥ 6000");
        assertThat(r.bound()).isEqualTo(6000);
        assertThat(r.relaxedBound()).isCloseTo(most, rel(most, 1e-7));
        assertThat(r.by()).isCloseTo(6000 - most, rel(6000, 1e-7));

        DealOptimizer.Solution relaxed = DealOptimizer.solve(withBound(p, 0, r.relaxedBound(), Double.POSITIVE_INFINITY));
        assertThat(relaxed.status()).isEqualTo(DealOptimizer.Status.OPTIMAL);
        assertThat(relaxed.objectiveEngine()).isFinite();
        assertThat(relaxed.decisionValues()[0]).isCloseTo(0.2, within(1e-7));
    }

    /**
     * Two rules each feasible alone, not together: customerNpv ≥ 1500 needs d ≥ 0.15 / A ≈ 0.0603, npv ≥ 3500 A
     * needs d ≤ 0.05. Relaxing the npv floor to what d = 0.15 / A leaves, 4000 A − 1500, costs 2.9 % of
     * its bound; relaxing the customer rule to 500 A costs 17 %: the least relaxation moves the npv floor.
     */
    @Test
    void conflictingRulesRelaxTheCheaperOne() {
        DealProblem p = flat(atLeast("customer NPV ≥ 1500", CUSTOMER_NPV, 1500), atLeast("npv ≥ 3500 A", NPV, 3500 * A));

        DealOptimizer.Solution s = DealOptimizer.solve(p);

        assertThat(s.status()).isEqualTo(DealOptimizer.Status.INFEASIBLE);
        assertThat(s.relaxation()).extracting(DealOptimizer.Relaxation::name).containsExactly("npv ≥ 3500 A");
        DealOptimizer.Relaxation r = s.relaxation().get(0);
        assertThat(r.relaxedBound()).isCloseTo(4000 * A - 1500, rel(4000 * A, 1e-7));

        DealOptimizer.Solution relaxed = DealOptimizer.solve(withBound(p, 1, r.relaxedBound(), Double.POSITIVE_INFINITY));
        assertThat(relaxed.status()).isEqualTo(DealOptimizer.Status.OPTIMAL);
        assertThat(relaxed.objectiveEngine()).isCloseTo(4000 * A - 1500, rel(4000 * A, 1e-7));
    }

    // ------------------------------------------------------------------ linearity

    static final String TRAYS = "terms.discounts[srp-trays]";
    static final double[] TRAY_MENU = {0, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3};

    @Test
    void aDiscountAcrossRetroactiveRebateTiersIsRefusedAndNamed() {
        CompiledScenario c = CompiledScenario.compile(Fixtures.example("packaging-retailer-renewal.json"));
        DealProblem p = problem(c, List.of(continuous(c, TRAYS, 0, 0.3)), maximise(NPV));

        assertThatThrownBy(() -> DealOptimizer.solve(p))
                .isInstanceOf(AffineModel.NotLinearException.class)
                .hasMessageContaining(TRAYS)
                .hasMessageContaining("menu");
    }

    @Test
    void theSameDiscountAsAMenuIsSolvedExactly() {
        Scenario s = Fixtures.example("packaging-retailer-renewal.json");
        double level = metric(set(s, TRAYS, 0.125), Metric.CUSTOMER_NPV);
        double best = Double.NEGATIVE_INFINITY;
        double bestOption = Double.NaN;
        for (double d : TRAY_MENU) {
            Scenario t = set(s, TRAYS, d);
            double npv = metric(t, Metric.NPV);
            if (metric(t, Metric.CUSTOMER_NPV) >= level && npv > best) {
                best = npv;
                bestOption = d;
            }
        }
        CompiledScenario c = CompiledScenario.compile(s);
        DealProblem p = problem(c, List.of(menu(c, TRAYS, TRAY_MENU)), maximise(NPV),
                atLeast("customer NPV ≥ its value at 12.5 %", CUSTOMER_NPV, level));

        DealOptimizer.Solution sol = DealOptimizer.solve(p);

        assertThat(sol.status()).isEqualTo(DealOptimizer.Status.OPTIMAL);
        assertThat(sol.decisionValues()[0]).isEqualTo(bestOption);
        assertThat(sol.objectiveEngine()).isCloseTo(best, rel(best, 1e-9));
    }

    @Test
    void interactingMenusBeyondTheCompoundLimitAreRefusedByName() {
        // 100 discounts × 46 payment days = 4600 > 4096: financing is revenue × days, so they interact
        double[] discounts = new double[100];
        for (int i = 0; i < discounts.length; i++) discounts[i] = i / 100.0;
        double[] days = new double[46];
        for (int i = 0; i < days.length; i++) days[i] = i;
        assertThat((long) discounts.length * days.length).isGreaterThan(AffineModel.MAX_COMPOUND_OPTIONS);
        CompiledScenario c = CompiledScenario.compile(Fixtures.flatDeal(3, 1));
        DealProblem p = problem(c, List.of(menu(c, WIDGETS, discounts), menu(c, "terms.paymentDays", days)), maximise(NPV),
                atLeast("customer NPV ≥ 1000", CUSTOMER_NPV, 1000));

        assertThatThrownBy(() -> AffineModel.build(p))
                .isInstanceOf(AffineModel.NotLinearException.class)
                .hasMessageContaining(WIDGETS)
                .hasMessageContaining("terms.paymentDays")
                .hasMessageContaining("4600")
                .hasMessageContaining(String.valueOf(AffineModel.MAX_COMPOUND_OPTIONS));
    }

    @Test
    void menusThatDoNotInteractAreNotCompounded() {
        // the same 100 discounts with a service in or out: additive effects, no compound limit
        double[] discounts = new double[100];
        for (int i = 0; i < discounts.length; i++) discounts[i] = i / 100.0;
        Scenario s = Fixtures.example("it-services-msa.json");
        CompiledScenario c = CompiledScenario.compile(s);
        DealProblem p = problem(c, List.of(menu(c, "terms.discounts[app-support]", discounts),
                        Direct.include(c, "service-desk-24x7")), maximise(NPV),
                atLeast("customer NPV ≥ 1m", CUSTOMER_NPV, 1_000_000));
        AffineModel m = AffineModel.build(p);
        assertThat(m.groups).hasSize(2);
    }

    static final String DATA_POOL = "terms.discounts[data-pool-gb]";

    /**
     * The monthly telecom example has an incremental rebate: each year's rebate is spread over its months
     * at the year's effective rate, which curves the figures by about 1e-8 relative as the data discount
     * shifts the months' mix, though no tier is crossed (the refusal blamed a crossed tier): within
     * [0.15, 0.35] every year's spend stays above the last threshold (2.15m). The customer demands what
     * 0.25 gives, evaluated directly, so the cheapest deal grants 0.25 (customer NPV rises and npv falls
     * with the discount), to the accepted deviation.
     */
    @Test
    void aMonthlyIncrementalRebateThatCrossesNoTierIsSolved() {
        Scenario s = Fixtures.example("telecom-enterprise-monthly.json");
        double demand = Direct.metric(set(s, DATA_POOL, 0.25), Metric.CUSTOMER_NPV);
        for (int year = 0; year < 4; year++) {
            for (double discount : new double[] {0.15, 0.35}) {
                Scenario at = set(s, DATA_POOL, discount);
                double spend = Direct.read(at, new Quantity.OfYear(Line.NET_REVENUE, year));
                assertThat(spend).as("year %d spend at %s: above the last tier, so no tier is crossed", year + 1, discount)
                        .isGreaterThan(2_150_000);
            }
        }
        CompiledScenario c = CompiledScenario.compile(s);
        DealProblem p = problem(c, List.of(continuous(c, DATA_POOL, 0.15, 0.35)), maximise(NPV),
                atLeast("customer NPV ≥ what 0.25 gives", CUSTOMER_NPV, demand));

        DealOptimizer.Solution sol = DealOptimizer.solve(p);

        assertThat(sol.status()).isEqualTo(DealOptimizer.Status.OPTIMAL);
        assertThat(sol.decisionValues()[0]).isCloseTo(0.25, within(1e-5));
        double npv = Direct.metric(set(s, DATA_POOL, sol.decisionValues()[0]), Metric.NPV);
        assertThat(sol.objectiveEngine()).isCloseTo(npv, rel(npv, 1e-12));
        assertThat(sol.rules()).allMatch(DealOptimizer.RuleResult::met);
    }

    // ------------------------------------------------------------------ time limit

    /**
     * Twelve product lines, each with a 31-step discount menu (0 to 30 %), none interacting (no rebate, no
     * payment days), so 372 binaries, with a customer-value floor and a contribution-margin floor in each
     * of five years: a multi-dimensional knapsack.
     */
    static DealProblem bigMip(double seconds) {
        List<Product> products = new ArrayList<>();
        Map<String, Double> none = new HashMap<>();
        for (int i = 0; i < 12; i++) {
            products.add(new Product("line-" + i, 5_000 + 1_337 * i, 30 + 3.7 * i, 18 + 2.9 * i,
                    -0.2 + 0.05 * i, 0.01 * (i % 4), 0.02));
        }
        Scenario s = new Scenario("big MIP", "", "EUR", new Horizon(5, 1), 0.07, 0.2, products,
                new Terms(none, null, 0, 5, 1, List.of(), 0), Terms.listPriceStatusQuo(5), new CostToServe(100_000, 0.02));
        CompiledScenario c = CompiledScenario.compile(s);
        double[] menu = new double[31];
        for (int k = 0; k < menu.length; k++) menu[k] = k / 100.0;
        List<Decision> decisions = new ArrayList<>();
        for (int i = 0; i < 12; i++) decisions.add(menu(c, "terms.discounts[line-" + i + "]", menu));
        List<Constraint> rules = new ArrayList<>();
        double[] summary = c.summary();
        double listRevenue = summary[Metric.LIST_REVENUE.ordinal()];
        for (int y = 0; y < 5; y++) {
            rules.add(atLeast("customer value in year " + (y + 1), new Quantity.OfYear(Line.CUSTOMER_VALUE, y),
                    0.0137 * listRevenue / 5 * (1 + 0.1 * y)));
            rules.addAll(MetricRules.marginFloorInYear("contribution margin ≥ 0.2 (year " + (y + 1) + ")", y, 0.2));
        }
        return new DealProblem(c, decisions, maximise(NPV), rules, seconds);
    }

    @Test
    void theTimeLimitIsHonoured() {
        DealProblem p = bigMip(0.02);
        AffineModel measured = AffineModel.build(p);
        DealOptimizer.Solution s = DealOptimizer.solve(measured, "CBC", false);
        assertThat(s.status()).isIn(DealOptimizer.Status.OPTIMAL, DealOptimizer.Status.FEASIBLE, DealOptimizer.Status.TIMED_OUT);
        // what the solver is told, not how long it took: a wall clock on a shared machine measures the machine
        assertThat(DealOptimizer.timeLimitMillis(p)).as("the 0.02 s limit handed to the solver, in ms").isEqualTo(20);
        assertThat(DealOptimizer.timeLimitMillis(bigMip(0.0004))).as("a limit under 1 ms is rounded up to 1 ms, not down to 0")
                .isEqualTo(1);
        if (s.status() == DealOptimizer.Status.FEASIBLE) {
            assertThat(s.gap()).isPositive();
            assertThat(s.rules()).allMatch(DealOptimizer.RuleResult::met);
        }
        if (s.status() == DealOptimizer.Status.TIMED_OUT) {
            assertThat(s.decisionValues()).isNull();
        }
    }

    /**
     * The big MIP's twelve menus under its five margin floors alone, maximising customer NPV: the deal with
     * no discount meets every floor, so any point measured may be a deal. Measuring it checks every pair
     * of menus for interaction (66 pairs × 30 × 30 options): far more than 20 ms of evaluations.
     */
    static DealProblem bigMipUnderMarginFloors(double seconds) {
        DealProblem big = bigMip(seconds);
        List<Constraint> floors = big.constraints().stream().filter(c -> c.name().startsWith("contribution margin")).toList();
        return new DealProblem(big.scenario(), big.decisions(), maximise(CUSTOMER_NPV), floors, seconds);
    }

    /**
     * The limit covers measuring the model: when it runs out first, the answer is the best deal the
     * measurements met (FEASIBLE, no proven bound, so no gap), within the limit, and that deal,
     * evaluated directly, meets every rule and is worth what the answer says.
     */
    @Test
    void aLimitThatEndsWhileMeasuringAnswersTheBestDealMeasured() {
        DealProblem p = bigMipUnderMarginFloors(0.02);
        long started = System.nanoTime();
        DealOptimizer.Solution s = DealOptimizer.solve(p);
        long millis = (System.nanoTime() - started) / 1_000_000;

        assertThat(millis).as("the whole request under a 20 ms limit").isLessThanOrEqualTo(20 + SLACK_MILLIS);
        assertThat(s.status()).isEqualTo(DealOptimizer.Status.FEASIBLE);
        assertThat(s.gap()).as("no bound was proven").isNaN();
        var deal = Direct.applied(p.scenario().scenario(), p.decisions(), s.decisionValues());
        double customerNpv = Direct.read(deal, CUSTOMER_NPV);
        assertThat(s.objectiveEngine()).isCloseTo(customerNpv, rel(customerNpv, 1e-9));
        for (Constraint rule : p.constraints()) {
            assertThat(Direct.value(deal, rule.form(), s.decisionValues())).as(rule.name()).isGreaterThanOrEqualTo(rule.min());
        }
        double noDiscount = Direct.read(p.scenario().scenario(), CUSTOMER_NPV);
        assertThat(customerNpv).as("at least the deal measured first, with no discount").isGreaterThanOrEqualTo(noDiscount);
    }

    /**
     * A measured model whose solver is stopped by a 1 ms clock: deals that meet every rule were evaluated
     * while measuring, so one comes back (a timedOut with every evaluation done was issue 11's defect 8).
     */
    @Test
    void aSolverStoppedByTheClockStillAnswersADealKnownToMeetTheRules() {
        DealProblem p = bigMipUnderMarginFloors(0.001);
        AffineModel measured = AffineModel.build(p);
        DealOptimizer.Solution s = DealOptimizer.solve(measured, "CBC", false);
        assertThat(s.status()).isIn(DealOptimizer.Status.OPTIMAL, DealOptimizer.Status.FEASIBLE);
        var deal = Direct.applied(p.scenario().scenario(), p.decisions(), s.decisionValues());
        for (Constraint rule : p.constraints()) {
            assertThat(Direct.value(deal, rule.form(), s.decisionValues())).as(rule.name())
                    .isGreaterThanOrEqualTo(rule.min() - 1e-9 * Math.abs(rule.min()));
        }
        assertThat(s.rules()).allMatch(DealOptimizer.RuleResult::met);
    }

    /** How far past its limit a solve may run: CBC checks the clock between steps. */
    static final long SLACK_MILLIS = 100;

    /**
     * The big MIP is feasible (it solves with time to spare), so however tight the limit, the answer is
     * a solution or TIMED_OUT, never INFEASIBLE. CBC stopped by the clock in its root node sometimes
     * says "infeasible"; the limits below are tried a few times each since where the clock stops it varies.
     */
    @Test
    void aTightTimeLimitNeverReportsAFeasibleDealInfeasible() {
        AffineModel measured = AffineModel.build(bigMip(30));
        assertThat(DealOptimizer.solve(measured, "CBC", false).status()).isEqualTo(DealOptimizer.Status.OPTIMAL);
        List<String> wrong = new ArrayList<>();
        for (int attempt = 0; attempt < 4; attempt++) {
            for (double seconds : new double[] {0.001, 0.002, 0.005}) {
                DealProblem p = measured.problem;
                DealProblem limited = new DealProblem(p.scenario(), p.decisions(), p.objective(), p.constraints(), seconds);
                DealOptimizer.Solution s = DealOptimizer.solve(measured.reuse(limited), "CBC", false);
                if (s.status() == DealOptimizer.Status.INFEASIBLE) {
                    wrong.add("limit " + seconds + " s: INFEASIBLE after " + s.solveMillis() + " ms, relaxation " + s.relaxation());
                }
                assertThat(s.solveMillis()).as("limit %s s", seconds).isLessThanOrEqualTo((long) (seconds * 1000) + SLACK_MILLIS);
            }
        }
        assertThat(wrong).as("a feasible deal reported infeasible under a time limit").isEmpty();
    }

    /**
     * OPTIMAL is documented as proven optimal: with time to spare, the answer is the optimum and the gap
     * to the best bound is closed. (GLPK, re-solving the exported model exactly, finds a better deal
     * when the MIP backend stops at its default relative gap: see ExportedModelTest.)
     */
    @Test
    void optimalMeansTheGapIsClosed() {
        for (String backend : List.of("CBC", "SCIP")) {
            DealOptimizer.Solution s = DealOptimizer.solve(bigMip(30), backend, false);
            assertThat(s.status()).as(backend).isEqualTo(DealOptimizer.Status.OPTIMAL);
            assertThat(s.gap()).as(backend + ": gap of an OPTIMAL answer").isLessThanOrEqualTo(1e-9);
        }
    }
}
