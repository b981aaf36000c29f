package io.parley.optimize;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.parley.engine.CompiledScenario;

import static io.parley.optimize.Direct.NPV;
import static io.parley.optimize.Direct.maximise;
import static io.parley.optimize.Direct.menu;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The optimiser's cost before building: its evaluations against a count worked by hand and against
 * what building and solving really evaluate; the frontier's build stopped by its time limit.
 */
class EstimateTest {

    @Test
    void twoThousandOptionMenusAreCountedBeforeAnyIsMeasured() {
        CompiledScenario c = StatusesTest.bigMip(30).scenario();
        double[] options = new double[1000];
        for (int o = 0; o < options.length; o++) options[o] = o / 10_000.0;
        DealProblem p = new DealProblem(c, List.of(menu(c, "terms.discounts[line-0]", options),
                menu(c, "terms.discounts[line-1]", options)), maximise(NPV), List.of(), 30);
        AffineModel.Estimate e = AffineModel.estimate(p);
        // base 1; 2 × 1000 options; 999 × 999 pairs tested for interaction; compound options
        // 2000 + 1 group × 4096; verification 48; the answer read back 1 + 2000
        assertThat(e.evaluations()).isEqualTo(1 + 2_000 + 998_001 + 6_096 + 48 + 2_001);
        // one figure (NPV), an array of it 24 + 8 = 32 bytes, per option and compound option (8096),
        // and each compound option's choice of 2 menus, 24 + 4 × 2 = 32 bytes
        assertThat(e.bytes()).isEqualTo(8_096 * 32 + 6_096 * 32);
    }

    @Test
    void theEstimateBoundsWhatBuildingAndSolvingEvaluate() {
        DealProblem p = StatusesTest.bigMip(30);
        AffineModel model = AffineModel.build(p);
        DealOptimizer.solve(model, "CBC", true);
        assertThat((long) model.evaluations()).isPositive().isLessThanOrEqualTo(AffineModel.estimate(p).evaluations());
    }

    @Test
    void aFrontierWhoseMeasuringOutlastsItsLimitSaysTimedOut() {
        // 12 menus of 31 options: 66 pairs × 900 combinations to test alone, far past the whole limit of 1 ms
        DealProblem p = StatusesTest.bigMipUnderMarginFloors(0.001);
        LinearForm supplier = LinearForm.of(NPV, 1);
        LinearForm customer = LinearForm.of(Direct.CUSTOMER_NPV, 1);
        assertThat(Frontier.estimate(p, supplier, customer, 2).evaluations()).isGreaterThan(59_400);
        Frontier.Result r = Frontier.trace(p, supplier, customer, 2, Double.NaN, Double.NaN, "CBC");
        assertThat(r.points()).isEmpty();
        assertThat(r.unsolved().status()).isEqualTo(DealOptimizer.Status.TIMED_OUT);
    }
}
