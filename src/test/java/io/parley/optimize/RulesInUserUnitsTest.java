package io.parley.optimize;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.parley.engine.CompiledScenario;
import io.parley.engine.Line;
import io.parley.engine.Metric;

import static io.parley.optimize.Direct.CUSTOMER_NPV;
import static io.parley.optimize.Direct.NPV;
import static io.parley.optimize.Direct.atLeast;
import static io.parley.optimize.Direct.continuous;
import static io.parley.optimize.Direct.maximise;
import static io.parley.optimize.Direct.menu;
import static io.parley.optimize.Direct.rel;
import static io.parley.optimize.LeastRelaxationTest.FLAT;
import static io.parley.optimize.LeastRelaxationTest.OPTIONS;
import static io.parley.optimize.LeastRelaxationTest.SHRINKING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Rules in their author's units (issue 11, defect 10), on the infeasible two-menu deal of
 * {@link LeastRelaxationTest}: a margin floor reads as the margin, not as its linear rule with bound
 * 0; each rule that can let a deal through alone is offered moved as little as it must, which the
 * nine combinations, enumerated directly, confirm; and each alternative, applied, gives a deal.
 */
class RulesInUserUnitsTest {

    static final String MARGIN = "contribution margin (year 1)";

    /** Every combination of the two menus, evaluated directly. */
    static List<LeastRelaxationTest.Figures> combinations() {
        List<LeastRelaxationTest.Figures> all = new ArrayList<>();
        for (double s : OPTIONS) for (double f : OPTIONS) all.add(LeastRelaxationTest.Figures.at(s, f));
        return all;
    }

    static double margin(LeastRelaxationTest.Figures f) {
        return f.contribution() / (f.netRevenue() - f.rebate());
    }

    static DealProblem problem(double demand, double floor, double[] shrinking, double[] flat) {
        CompiledScenario c = CompiledScenario.compile(Direct.threeProfiles());
        return Direct.problem(c, List.of(menu(c, SHRINKING, shrinking), menu(c, FLAT, flat)), maximise(NPV),
                atLeast("customer NPV ≥ demand", CUSTOMER_NPV, demand),
                MetricRules.marginFloorInYear(MARGIN, 0, floor).get(0));
    }

    static DealOptimizer.Relaxation named(List<DealOptimizer.Relaxation> all, String prefix) {
        return all.stream().filter(r -> r.name().startsWith(prefix)).findFirst().orElseThrow();
    }

    @Test
    void eachAlternativeIsTheLeastChangeOfThatRuleAloneInEveryOrderOfTheMenus() {
        double demand = LeastRelaxationTest.customerDemand();
        double floor = LeastRelaxationTest.marginFloor();
        // by enumeration: the most customer NPV a deal meeting the margin floor gives, the highest margin of a
        // deal meeting the demand
        double customerAlone = Double.NEGATIVE_INFINITY;
        double marginAlone = Double.NEGATIVE_INFINITY;
        for (LeastRelaxationTest.Figures f : combinations()) {
            if (f.marginRule(floor) >= 0) customerAlone = Math.max(customerAlone, f.customerNpv());
            if (f.customerNpv() >= demand) marginAlone = Math.max(marginAlone, margin(f));
        }
        assertThat(customerAlone).as("the margin floor can be met, short of the demand").isLessThan(demand);
        assertThat(marginAlone).as("the demand can be met, short of the margin").isLessThan(floor);

        for (double[] shrinking : LeastRelaxationTest.permutations(OPTIONS)) {
            for (double[] flat : new double[][] {OPTIONS, {OPTIONS[2], OPTIONS[1], OPTIONS[0]}}) {
                DealOptimizer.Solution s = DealOptimizer.solve(problem(demand, floor, shrinking, flat));
                assertThat(s.status()).isEqualTo(DealOptimizer.Status.INFEASIBLE);
                assertThat(s.alternatives()).hasSize(2);

                DealOptimizer.Relaxation customer = named(s.alternatives(), "customer");
                assertThat(customer.unit()).isEqualTo(Constraint.Unit.CURRENCY);
                assertThat(customer.bound()).isEqualTo(demand);
                assertThat(customer.relaxedBound()).isCloseTo(customerAlone, rel(demand, 1e-9));
                assertThat(customer.by()).isCloseTo(demand - customerAlone, rel(demand, 1e-9));

                DealOptimizer.Relaxation margin = named(s.alternatives(), MARGIN);
                assertThat(margin.unit()).isEqualTo(Constraint.Unit.RATIO);
                assertThat(margin.bound()).isEqualTo(floor);
                assertThat(margin.relaxedBound()).isCloseTo(marginAlone, within(1e-9));
                assertThat(margin.by()).isCloseTo(floor - marginAlone, within(1e-9));
            }
        }
    }

    @Test
    void eachAlternativeAppliedAloneGivesADeal() {
        double demand = LeastRelaxationTest.customerDemand();
        double floor = LeastRelaxationTest.marginFloor();
        DealOptimizer.Solution s = DealOptimizer.solve(problem(demand, floor, OPTIONS, OPTIONS));
        DealOptimizer.Relaxation customer = named(s.alternatives(), "customer");
        DealOptimizer.Relaxation margin = named(s.alternatives(), MARGIN);

        DealOptimizer.Solution demandLowered = DealOptimizer.solve(problem(customer.relaxedBound(), floor, OPTIONS, OPTIONS));
        assertThat(demandLowered.status()).isEqualTo(DealOptimizer.Status.OPTIMAL);
        assertThat(demandLowered.rules()).allMatch(DealOptimizer.RuleResult::met);

        DealOptimizer.Solution floorLowered = DealOptimizer.solve(problem(demand, margin.relaxedBound(), OPTIONS, OPTIONS));
        assertThat(floorLowered.status()).isEqualTo(DealOptimizer.Status.OPTIMAL);
        assertThat(floorLowered.rules()).allMatch(DealOptimizer.RuleResult::met);

        // a hair more than either alternative and the deal is gone again: each is the least change
        assertThat(DealOptimizer.solve(problem(customer.relaxedBound() + 1e-3, floor, OPTIONS, OPTIONS)).status())
                .isEqualTo(DealOptimizer.Status.INFEASIBLE);
        assertThat(DealOptimizer.solve(problem(demand, margin.relaxedBound() + 1e-6, OPTIONS, OPTIONS)).status())
                .isEqualTo(DealOptimizer.Status.INFEASIBLE);
    }

    @Test
    void aMarginRuleReadsAsTheMarginAtTheSolution() {
        double floor = LeastRelaxationTest.marginFloor();
        CompiledScenario c = CompiledScenario.compile(Direct.threeProfiles());
        DealProblem p = Direct.problem(c, List.of(menu(c, SHRINKING, OPTIONS), menu(c, FLAT, OPTIONS)), maximise(NPV),
                MetricRules.marginFloorInYear(MARGIN, 0, floor).get(0));
        DealOptimizer.Solution s = DealOptimizer.solve(p);
        assertThat(s.status()).isEqualTo(DealOptimizer.Status.OPTIMAL);
        DealOptimizer.RuleResult rule = s.rules().get(0);
        assertThat(rule.unit()).isEqualTo(Constraint.Unit.RATIO);
        assertThat(rule.min()).isEqualTo(floor);
        assertThat(rule.max()).isEqualTo(Double.POSITIVE_INFINITY);
        LeastRelaxationTest.Figures at = LeastRelaxationTest.Figures.at(s.decisionValues()[0], s.decisionValues()[1]);
        assertThat(rule.engineValue()).as("the year-1 margin of the chosen terms, evaluated directly")
                .isCloseTo(margin(at), within(1e-12));
        assertThat(rule.modelValue()).isCloseTo(margin(at), within(1e-9));
        assertThat(rule.met()).isTrue();
    }

    @Test
    void aMovedRuleIsSaidInItsOwnUnitsRoundedTowardsWhatADealReaches() {
        Constraint floor = MetricRules.bound("margin ≥ 22 %", Metric.CONTRIBUTION_MARGIN_PCT, 0.22, Double.POSITIVE_INFINITY, 1).get(0);
        // 21.99004 %: 21.99 is off by 0.00004 points, under a tenth of the 0.00996-point change
        assertThat(UserUnits.says(floor, 0.22, 0.2199004)).isEqualTo("contributionMarginPct 21.99 % instead of 22 %");
        // 21.999915 %, a change of 0.000085 points: 21.99 would hide it; 21.9999 is off by 0.000015, over a tenth;
        // five decimals, rounded down, are off by 0.000005
        assertThat(UserUnits.says(floor, 0.22, 0.21999915)).isEqualTo("contributionMarginPct 21.99991 % instead of 22 %");
        Constraint ceiling = MetricRules.bound("leverage ≤ 4", Metric.VALUE_LEVERAGE, Double.NEGATIVE_INFINITY, 4, 1).get(0);
        assertThat(UserUnits.says(ceiling, 4, 4.123451)).as("a multiple, not a share").isEqualTo("valueLeverage 4.13 instead of 4");
        Constraint demand = atLeast("customer NPV ≥ demand", CUSTOMER_NPV, 1_700_000);
        assertThat(UserUnits.says(demand, 1_700_000, 1_684_232.159))
                .isEqualTo("customer NPV ≥ demand: 1,684,232.15 instead of 1,700,000.00");
    }

    @Test
    void onlyARateHasAReducedCostPerPercentagePoint() {
        CompiledScenario c = CompiledScenario.compile(Direct.threeProfiles());
        DealProblem p = Direct.problem(c, List.of(continuous(c, SHRINKING, 0, 0.2), continuous(c, "terms.upfrontInvestment", 0, 1000)),
                maximise(NPV));
        DealOptimizer.Solution s = DealOptimizer.solve(p);
        List<DealOptimizer.DecisionRange> ranges = s.sensitivity().decisions();
        assertThat(ranges.get(0).reducedCostPerPoint()).isEqualTo(ranges.get(0).reducedCost() / 100);
        assertThat(ranges.get(1).reducedCostPerPoint()).as("an investment is no rate").isNaN();
    }

    /**
     * A floor on the lowest year's margin is one condition, kept as one rule per contract year; its
     * alternative moves every year's floor together, to the highest lowest-year margin a deal meeting
     * the demand reaches (max over the nine combinations of min over five years), which the
     * generalised Dinkelbach method finds. Applied, it gives a deal.
     */
    @Test
    void aFloorInEveryYearMovesAsOneCondition() {
        int years = 5;
        double demand = LeastRelaxationTest.customerDemand();
        double floor = lowestYearMargin(0.1, 0) + 0.002;
        double best = Double.NEGATIVE_INFINITY;
        for (double s : OPTIONS) {
            for (double f : OPTIONS) {
                if (LeastRelaxationTest.Figures.at(s, f).customerNpv() >= demand) best = Math.max(best, lowestYearMargin(s, f));
            }
        }
        assertThat(best).as("the demand can be met, below the floor").isLessThan(floor);

        DealOptimizer.Solution s = DealOptimizer.solve(everyYear(demand, floor, years));
        assertThat(s.status()).isEqualTo(DealOptimizer.Status.INFEASIBLE);
        List<DealOptimizer.Relaxation> margins = s.alternatives().stream().filter(r -> r.unit() == Constraint.Unit.RATIO).toList();
        assertThat(margins).as("one alternative for the floor, not one per year").hasSize(1);
        DealOptimizer.Relaxation margin = margins.get(0);
        assertThat(margin.name()).isEqualTo("margin floor");
        assertThat(margin.relaxedBound()).isCloseTo(best, within(1e-9));
        assertThat(margin.says()).startsWith("contributionMarginPct in every year ");

        DealOptimizer.Solution lowered = DealOptimizer.solve(everyYear(demand, margin.relaxedBound(), years));
        assertThat(lowered.status()).isEqualTo(DealOptimizer.Status.OPTIMAL);
        assertThat(lowered.rules()).allMatch(DealOptimizer.RuleResult::met);
    }

    static DealProblem everyYear(double demand, double floor, int years) {
        CompiledScenario c = CompiledScenario.compile(Direct.threeProfiles());
        List<Constraint> rules = new ArrayList<>();
        rules.add(atLeast("customer NPV ≥ demand", CUSTOMER_NPV, demand));
        rules.addAll(MetricRules.marginFloorEveryYear("margin floor", floor, years));
        return new DealProblem(c, List.of(menu(c, SHRINKING, OPTIONS), menu(c, FLAT, OPTIONS)), maximise(NPV), rules, 10);
    }

    /** The lowest of the five years' contribution margins at the two discounts, evaluated directly. */
    static double lowestYearMargin(double shrinking, double flat) {
        io.parley.engine.Report r = Direct.report(Direct.set(Direct.threeProfiles(), SHRINKING, shrinking, FLAT, flat));
        double lowest = Double.POSITIVE_INFINITY;
        for (int y = 0; y < 5; y++) {
            double margin = r.year(Line.CONTRIBUTION, y) / (r.year(Line.NET_REVENUE, y) - r.year(Line.REBATE, y));
            lowest = Math.min(lowest, margin);
        }
        return lowest;
    }
}
