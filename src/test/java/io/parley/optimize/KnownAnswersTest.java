package io.parley.optimize;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.parley.Fixtures;
import io.parley.engine.CompiledScenario;
import io.parley.engine.Metric;
import io.parley.model.Scenario;

import static io.parley.optimize.Direct.CUSTOMER_NPV;
import static io.parley.optimize.Direct.NPV;
import static io.parley.optimize.Direct.atLeast;
import static io.parley.optimize.Direct.continuous;
import static io.parley.optimize.Direct.include;
import static io.parley.optimize.Direct.maximise;
import static io.parley.optimize.Direct.menu;
import static io.parley.optimize.Direct.metric;
import static io.parley.optimize.Direct.problem;
import static io.parley.optimize.Direct.rel;
import static io.parley.optimize.Direct.set;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Optimisations whose answer is known without the optimiser: worked by hand on a flat deal, found by
 * enumerating every menu combination through direct evaluations, or by enumerating the menu and
 * solving the remaining two-variable LP vertex by vertex.
 */
class KnownAnswersTest {

    static final String WIDGETS = "terms.discounts[widgets]";
    static final String APP = "terms.discounts[app-support]";
    static final String CLOUD = "terms.discounts[cloud-ops]";
    static final String DAYS = "terms.paymentDays";
    static final String YEARS = "terms.contractYears";
    static final String DESK = "service-desk-24x7";

    // ------------------------------------------------------------------ (a) an LP by hand

    /**
     * Flat deal, 3 annual years, r_s = r_c = 10 %, 1000 widgets at 10 costing 6, baseline list price.
     * With A = 1/1.1 + 1/1.1² + 1/1.1³:
     * npv(d) = (10000 (1 − d) − 6000) A and customerNpv(d) = 10000 d A (savings only).
     * Maximising npv (falling in d) subject to customerNpv ≥ 1000 binds the rule:
     * d* = 1000 / (10000 A) and npv* = 4000 A − 1000.
     */
    @Test
    void flatDealLpMatchesTheClosedForm() {
        Scenario s = Fixtures.flatDeal(3, 1);
        CompiledScenario c = CompiledScenario.compile(s);
        DealProblem p = problem(c, List.of(continuous(c, WIDGETS, 0, 0.2)), maximise(NPV),
                atLeast("customer NPV ≥ 1000", CUSTOMER_NPV, 1000));

        DealOptimizer.Solution sol = DealOptimizer.solve(p);

        double a = 1 / 1.1 + 1 / (1.1 * 1.1) + 1 / (1.1 * 1.1 * 1.1);
        double d = 1000 / (10000 * a);
        double npv = 4000 * a - 1000;
        assertThat(sol.status()).isEqualTo(DealOptimizer.Status.OPTIMAL);
        assertThat(sol.mixedInteger()).isFalse();
        assertThat(sol.decisionValues()[0]).isCloseTo(d, rel(d, 1e-9));
        assertThat(sol.objectiveModel()).isCloseTo(npv, rel(npv, 1e-9));
        assertThat(sol.objectiveEngine()).isCloseTo(npv, rel(npv, 1e-9));
    }

    /**
     * The same kind of LP, answered from two direct evaluations: npv and customerNpv are linear in the
     * discount, so evaluations at d = 0 and d = 0.2 give both lines, and the binding d is where the
     * customer line meets the level. Quarterly, with 30 payment days so financing moves with d too.
     */
    @Test
    void lpMatchesTheBindingPointOfTwoDirectEvaluations() {
        Scenario s = set(Fixtures.flatDeal(3, 4), DAYS, 30, "customer.costOfCapital", 0.12);
        double n0 = metric(set(s, WIDGETS, 0), Metric.NPV);
        double n1 = metric(set(s, WIDGETS, 0.2), Metric.NPV);
        double c0 = metric(set(s, WIDGETS, 0), Metric.CUSTOMER_NPV);
        double c1 = metric(set(s, WIDGETS, 0.2), Metric.CUSTOMER_NPV);
        double level = c0 + 0.37 * (c1 - c0);
        double d = 0.2 * (level - c0) / (c1 - c0);
        double npv = n0 + (n1 - n0) * (d / 0.2);
        // the lines are lines: a third direct evaluation at d lands on them
        assertThat(metric(set(s, WIDGETS, d), Metric.NPV)).isCloseTo(npv, rel(npv, 1e-12));

        CompiledScenario c = CompiledScenario.compile(s);
        DealOptimizer.Solution sol = DealOptimizer.solve(problem(c, List.of(continuous(c, WIDGETS, 0, 0.2)), maximise(NPV),
                atLeast("customer NPV", CUSTOMER_NPV, level)));

        assertThat(sol.status()).isEqualTo(DealOptimizer.Status.OPTIMAL);
        assertThat(sol.decisionValues()[0]).isCloseTo(d, rel(d, 1e-9));
        assertThat(sol.objectiveEngine()).isCloseTo(npv, rel(npv, 1e-9));
        assertThat(sol.objectiveModel()).isCloseTo(npv, rel(npv, 1e-9));
    }

    // ------------------------------------------------------------------ (b) a MIP by enumeration

    static final double[] DAYS_MENU = {30, 45, 60, 90};
    static final double[] YEARS_MENU = {1, 2, 3};
    static final double CUSTOMER_LEVEL = 1_300_000;

    /** it-services-msa with an 80 % renewal chance, so the term length matters. */
    static Scenario msaWithRenewalRisk() {
        return set(Fixtures.example("it-services-msa.json"), "terms.renewalProbability", 0.8);
    }

    /** Payment days × the service desk in or out × the term: 24 combinations, all interacting through survival and financing. */
    static DealProblem menusProblem() {
        CompiledScenario c = CompiledScenario.compile(msaWithRenewalRisk());
        return problem(c, List.of(menu(c, DAYS, DAYS_MENU), include(c, DESK), menu(c, YEARS, YEARS_MENU)),
                maximise(NPV), atLeast("customer NPV ≥ 1.3m", CUSTOMER_NPV, CUSTOMER_LEVEL));
    }

    @Test
    void mipMatchesTheBestFeasibleCombinationByEnumeration() {
        Scenario s = msaWithRenewalRisk();
        double best = Double.NEGATIVE_INFINITY;
        double[] bestChoice = null;
        double unconstrained = Double.NEGATIVE_INFINITY;
        double unconstrainedCustomer = Double.NaN;
        for (double days : DAYS_MENU) {
            for (int included = 0; included <= 1; included++) {
                for (double years : YEARS_MENU) {
                    Scenario t = set(s, DAYS, days, YEARS, years);
                    if (included == 0) t = Direct.withoutService(t, DESK);
                    double npv = metric(t, Metric.NPV);
                    double customer = metric(t, Metric.CUSTOMER_NPV);
                    if (npv > unconstrained) {
                        unconstrained = npv;
                        unconstrainedCustomer = customer;
                    }
                    if (customer >= CUSTOMER_LEVEL && npv > best) {
                        best = npv;
                        bestChoice = new double[] {days, included, years};
                    }
                }
            }
        }
        // the rule matters: the supplier's unconstrained favourite does not meet it
        assertThat(unconstrainedCustomer).isLessThan(CUSTOMER_LEVEL);
        assertThat(bestChoice).isNotNull();

        for (String backend : BACKENDS) {
            DealOptimizer.Solution sol = DealOptimizer.solve(menusProblem(), backend, false);

            assertThat(sol.status()).as(backend).isEqualTo(DealOptimizer.Status.OPTIMAL);
            assertThat(sol.mixedInteger()).isTrue();
            assertThat(sol.backend()).isEqualTo(backend);
            assertThat(sol.decisionValues()).as(backend).containsExactly(bestChoice);
            assertThat(sol.objectiveEngine()).as(backend).isCloseTo(best, rel(best, 1e-9));
            assertThat(sol.objectiveModel()).as(backend).isCloseTo(best, rel(best, 1e-8));
        }
    }

    static final List<String> BACKENDS = List.of("CBC", "SCIP");

    // ------------------------------------------------------------------ (c) continuous × menu

    static final double[] MIXED_DAYS = {0, 30, 60, 90};
    static final double MIXED_LEVEL = 100_000;

    /**
     * it-services-msa with an impatient customer (14 %), so payment days are a cheap concession, and two
     * discounts that cost more financing the longer the customer pays: a disjunctive model.
     */
    static Scenario impatientMsa() {
        return set(Fixtures.example("it-services-msa.json"), "customer.costOfCapital", 0.14);
    }

    static DealProblem mixedProblem() {
        CompiledScenario c = CompiledScenario.compile(impatientMsa());
        return problem(c, List.of(continuous(c, APP, 0, 0.2), continuous(c, CLOUD, 0, 0.2), menu(c, DAYS, MIXED_DAYS)),
                maximise(NPV), atLeast("customer NPV ≥ 100k", CUSTOMER_NPV, MIXED_LEVEL));
    }

    /** Per payment-days option, the two-discount LP solved vertex by vertex from direct evaluations; then the best option. */
    static double[] mixedByHand() {
        Scenario s = impatientMsa();
        double best = Double.NEGATIVE_INFINITY;
        double[] answer = null;
        for (double days : MIXED_DAYS) {
            Scenario base = set(s, DAYS, days, APP, 0, CLOUD, 0);
            double n0 = metric(base, Metric.NPV);
            double c0 = metric(base, Metric.CUSTOMER_NPV);
            Scenario app = set(base, APP, 0.2);
            Scenario cloud = set(base, CLOUD, 0.2);
            double[] a = {(metric(app, Metric.NPV) - n0) / 0.2, (metric(cloud, Metric.NPV) - n0) / 0.2};
            double[] b = {(metric(app, Metric.CUSTOMER_NPV) - c0) / 0.2, (metric(cloud, Metric.CUSTOMER_NPV) - c0) / 0.2};
            Direct.Vertex v = Direct.bestVertex(n0, a, c0, b, MIXED_LEVEL, 0.2);
            if (v == null) continue;
            double x0 = Math.min(0.2, Math.max(0, v.x()[0]));
            double x1 = Math.min(0.2, Math.max(0, v.x()[1]));
            // the vertex's npv by the engine itself, not by the lines
            double npv = metric(set(base, APP, x0, CLOUD, x1), Metric.NPV);
            assertThat(npv).as("npv is linear in the discounts at %s days", days).isCloseTo(v.objective(), rel(v.objective(), 1e-10));
            if (npv > best) {
                best = npv;
                answer = new double[] {x0, x1, days, npv};
            }
        }
        return answer;
    }

    @Test
    void mixedProblemMatchesMenuEnumerationTimesTheHandSolvedLp() {
        double[] byHand = mixedByHand();
        // the answer is not at a corner: an interior menu option with a fractional discount
        assertThat(byHand[2]).isEqualTo(60);
        assertThat(byHand[0]).isStrictlyBetween(0.0, 0.2);

        for (String backend : BACKENDS) {
            DealOptimizer.Solution sol = DealOptimizer.solve(mixedProblem(), backend, false);

            assertThat(sol.status()).as(backend).isEqualTo(DealOptimizer.Status.OPTIMAL);
            assertThat(sol.mixedInteger()).isTrue();
            assertThat(sol.objectiveEngine()).as(backend).isCloseTo(byHand[3], rel(byHand[3], 1e-7));
            assertThat(sol.objectiveModel()).as(backend).isCloseTo(byHand[3], rel(byHand[3], 1e-7));
            assertThat(sol.decisionValues()[2]).as(backend).isEqualTo(byHand[2]);
            assertThat(sol.decisionValues()[0]).as(backend).isCloseTo(byHand[0], rel(byHand[0], 1e-6));
            assertThat(sol.decisionValues()[1]).as(backend).isCloseTo(byHand[1], rel(0.2, 1e-6));
        }
    }

    // ------------------------------------------------------------------ (d) the answer by the engine

    @Test
    void answersReEvaluatedDirectlyMatchTheModelAndMeetEveryRule() {
        for (DealProblem p : List.of(mixedProblem(), menusProblem(), SensitivityTest.threeDiscounts(0.5))) {
            DealOptimizer.Solution sol = DealOptimizer.solve(p);
            assertThat(sol.status()).isEqualTo(DealOptimizer.Status.OPTIMAL);
            assertThat(sol.objectiveEngine()).isCloseTo(sol.objectiveModel(), rel(sol.objectiveModel(), 1e-8));

            Scenario answer = Direct.applied(p.scenario().scenario(), p.decisions(), sol.decisionValues());
            double objective = Direct.value(answer, p.objective().form(), sol.decisionValues());
            assertThat(sol.objectiveEngine()).as("the engine's objective, evaluated directly").isCloseTo(objective, rel(objective, 1e-9));
            assertThat(sol.rules()).hasSize(p.constraints().size());
            for (int r = 0; r < p.constraints().size(); r++) {
                Constraint rule = p.constraints().get(r);
                double v = Direct.value(answer, rule.form(), sol.decisionValues());
                double slack = 1e-8 * Math.max(1, Math.abs(v));
                assertThat(v).as(rule.name() + " evaluated directly").isBetween(rule.min() - slack, rule.max() + slack);
                assertThat(sol.rules().get(r).engineValue()).as(rule.name()).isCloseTo(v, rel(v, 1e-9));
                assertThat(sol.rules().get(r).met()).as(rule.name()).isTrue();
            }
        }
    }
}
