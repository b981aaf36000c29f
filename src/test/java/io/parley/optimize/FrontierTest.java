package io.parley.optimize;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.parley.engine.CompiledScenario;
import io.parley.engine.Metric;
import io.parley.model.Scenario;

import static io.parley.optimize.Direct.CUSTOMER_NPV;
import static io.parley.optimize.Direct.NPV;
import static io.parley.optimize.Direct.atLeast;
import static io.parley.optimize.Direct.continuous;
import static io.parley.optimize.Direct.maximise;
import static io.parley.optimize.Direct.menu;
import static io.parley.optimize.Direct.rel;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The frontier against single solves: each point is "maximise npv subject to the deal's rules and
 * customerNpv ≥ level", built as its own problem and solved on its own; the zone of agreement against
 * the same single solves with a walk-away chosen above or below what the demand leaves the supplier.
 */
class FrontierTest {

    static final LinearForm SUPPLIER = LinearForm.of(NPV, 1);
    static final LinearForm CUSTOMER = LinearForm.of(CUSTOMER_NPV, 1);
    static final int POINTS = 6;

    static DealProblem base;
    static Frontier.Result frontier;

    /** Two discounts and the payment-days menu on the impatient MSA, with a 10 % contribution-margin floor every year. */
    static DealProblem baseProblem() {
        CompiledScenario c = CompiledScenario.compile(KnownAnswersTest.impatientMsa());
        List<Constraint> rules = new ArrayList<>();
        rules.addAll(MetricRules.marginFloorEveryYear("contribution margin ≥ 0.1", 0.10, 3));
        return new DealProblem(c, List.of(continuous(c, KnownAnswersTest.APP, 0, 0.2),
                continuous(c, KnownAnswersTest.CLOUD, 0, 0.2), menu(c, KnownAnswersTest.DAYS, KnownAnswersTest.MIXED_DAYS)),
                maximise(NPV), rules, 30);
    }

    @BeforeAll
    static void trace() {
        base = baseProblem();
        frontier = Frontier.trace(base, SUPPLIER, CUSTOMER, POINTS, Double.NaN, Double.NaN, "CBC");
    }

    /** The single solve a frontier point stands for. */
    static DealOptimizer.Solution single(double level) {
        List<Constraint> rules = new ArrayList<>(base.constraints());
        rules.add(atLeast("customer NPV ≥ level", CUSTOMER_NPV, level));
        return DealOptimizer.solve(base.withConstraints(rules), "CBC", false);
    }

    static double directly(DealProblem p, DealOptimizer.Solution s, Metric m) {
        Scenario answer = Direct.applied(p.scenario().scenario(), p.decisions(), s.decisionValues());
        return Direct.metric(answer, m);
    }

    @Test
    void everyPointIsTheSingleSolveAtItsLevel() {
        assertThat(frontier.points()).hasSize(POINTS);
        for (Frontier.Point point : frontier.points()) {
            DealOptimizer.Solution one = single(point.level());
            assertThat(point.solution().status()).as("level %s", point.level()).isEqualTo(DealOptimizer.Status.OPTIMAL);
            assertThat(one.status()).isEqualTo(DealOptimizer.Status.OPTIMAL);
            assertThat(point.solution().objectiveEngine()).as("npv at level %s", point.level())
                    .isCloseTo(one.objectiveEngine(), rel(one.objectiveEngine(), 1e-8));
            // and the point's terms, evaluated directly, give that npv and meet the level
            double npv = directly(base, point.solution(), Metric.NPV);
            double customer = directly(base, point.solution(), Metric.CUSTOMER_NPV);
            assertThat(npv).isCloseTo(point.solution().objectiveEngine(), rel(npv, 1e-9));
            assertThat(customer).isGreaterThanOrEqualTo(point.level() - 1e-7 * Math.abs(point.level()));
        }
    }

    @Test
    void npvFallsAsTheCustomerLevelRises() {
        List<Frontier.Point> points = frontier.points();
        for (int i = 1; i < points.size(); i++) {
            assertThat(points.get(i).level()).isGreaterThan(points.get(i - 1).level());
            double before = points.get(i - 1).solution().objectiveEngine();
            assertThat(points.get(i).solution().objectiveEngine()).isLessThanOrEqualTo(before + 1e-9 * Math.abs(before));
        }
        assertThat(points.get(0).level()).isEqualTo(frontier.customerLow());
        assertThat(points.get(points.size() - 1).level()).isEqualTo(frontier.customerHigh());
    }

    @Test
    void endsAreTheSupplierAndTheCustomerBest() {
        DealOptimizer.Solution supplierBest = DealOptimizer.solve(base, "CBC", false);
        Frontier.Point first = frontier.points().get(0);
        assertThat(first.solution().objectiveEngine()).isCloseTo(supplierBest.objectiveEngine(), rel(supplierBest.objectiveEngine(), 1e-8));
        // the first level is what the supplier's best deal gives the customer
        double customerThere = directly(base, supplierBest, Metric.CUSTOMER_NPV);
        assertThat(frontier.customerLow()).isCloseTo(customerThere, rel(customerThere, 1e-8));

        DealOptimizer.Solution customerBest = DealOptimizer.solve(base.withObjective(maximise(CUSTOMER_NPV)), "CBC", false);
        assertThat(frontier.customerHigh()).isCloseTo(customerBest.objectiveEngine(), rel(customerBest.objectiveEngine(), 1e-8));
    }

    @Test
    void noZoneWhenTheWalkAwayIsAboveWhatTheDemandLeaves() {
        double demand = frontier.points().get(POINTS / 2).level();
        double achievable = single(demand).objectiveEngine();
        double walkAway = achievable + 0.01 * Math.abs(achievable);

        Frontier.Result r = Frontier.trace(base, SUPPLIER, CUSTOMER, 2, walkAway, demand, "CBC");

        assertThat(r.zone()).isNotNull();
        assertThat(r.zone().exists()).isFalse();
        assertThat(r.zone().bestForSupplier().status()).isEqualTo(DealOptimizer.Status.INFEASIBLE);
    }

    @Test
    void zoneWhenTheWalkAwayIsBelowWhatTheDemandLeaves() {
        double demand = frontier.points().get(POINTS / 2).level();
        DealOptimizer.Solution one = single(demand);
        double walkAway = one.objectiveEngine() - 0.01 * Math.abs(one.objectiveEngine());

        Frontier.Result r = Frontier.trace(base, SUPPLIER, CUSTOMER, 2, walkAway, demand, "CBC");

        assertThat(r.zone().exists()).isTrue();
        DealOptimizer.Solution forSupplier = r.zone().bestForSupplier();
        assertThat(forSupplier.status()).isEqualTo(DealOptimizer.Status.OPTIMAL);
        // the best deal in the zone for the supplier is the single solve at the demand (the walk-away is slack)
        assertThat(forSupplier.objectiveEngine()).isCloseTo(one.objectiveEngine(), rel(one.objectiveEngine(), 1e-8));
        double npv = directly(base, forSupplier, Metric.NPV);
        double customer = directly(base, forSupplier, Metric.CUSTOMER_NPV);
        assertThat(npv).isGreaterThanOrEqualTo(walkAway);
        assertThat(customer).isGreaterThanOrEqualTo(demand - 1e-7 * Math.abs(demand));
        // the customer's best inside the zone meets both bounds too, and gives the customer at least as much
        DealOptimizer.Solution forCustomer = r.zone().bestForCustomer();
        assertThat(forCustomer.status()).isEqualTo(DealOptimizer.Status.OPTIMAL);
        assertThat(directly(base, forCustomer, Metric.NPV)).isGreaterThanOrEqualTo(walkAway - 1e-7 * Math.abs(walkAway));
        assertThat(directly(base, forCustomer, Metric.CUSTOMER_NPV)).isGreaterThanOrEqualTo(customer - 1e-7 * Math.abs(customer));
    }
}
