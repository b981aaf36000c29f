package io.parley.analysis;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** The distribution families a request names: their parameters, defaults and the values they build. */
class DistributionKindTest {

    @Test
    void familiesAreNamedAsRequestsSpellThem() {
        assertThat(DistributionKind.NAMES).containsExactly("normal", "truncatedNormal", "lognormal", "uniform",
                "logUniform", "triangular", "pert", "beta", "cumulative", "discrete", "empirical");
        assertThat(DistributionKind.named("pert")).contains(DistributionKind.PERT);
        assertThat(DistributionKind.named("gamma")).isEmpty();
    }

    @Test
    void eachFamilyBuildsItsDistributionFromItsParametersInOrder() {
        assertThat(DistributionKind.NORMAL.of(3, 0.5)).isEqualTo(new Distribution.Normal(3, 0.5));
        assertThat(DistributionKind.TRUNCATED_NORMAL.of(3, 0.5, 2, 4))
                .isEqualTo(new Distribution.TruncatedNormal(3, 0.5, 2, 4));
        assertThat(DistributionKind.UNIFORM.of(1, 2)).isEqualTo(new Distribution.Uniform(1, 2));
        assertThat(DistributionKind.TRIANGULAR.of(1, 2, 4)).isEqualTo(new Distribution.Triangular(1, 2, 4));
        // uniform on [1, 2] has mean 1.5; triangular (1, 2, 4) has mean (1 + 2 + 4) / 3
        assertThat(DistributionKind.UNIFORM.of(1, 2).mean()).isEqualTo(1.5);
        assertThat(DistributionKind.TRIANGULAR.of(1, 2, 4).mean()).isEqualTo(7.0 / 3);
        // beta(2, 2) on [10, 20] is symmetric about 15
        assertThat(DistributionKind.BETA.of(2, 2, 10, 20).mean()).isCloseTo(15.0, within(1e-12));
    }

    @Test
    void onlyBetasSupportHasADefaultTheUnitInterval() {
        assertThat(DistributionKind.BETA.defaultOf("min")).hasValue(0);
        assertThat(DistributionKind.BETA.defaultOf("max")).hasValue(1);
        assertThat(DistributionKind.BETA.defaultOf("alpha")).isEmpty();
        assertThat(DistributionKind.UNIFORM.defaultOf("min")).isEmpty();
    }

    @Test
    void theWrongNumberOfParametersOrAListFamilyIsRefused() {
        assertThatThrownBy(() -> DistributionKind.NORMAL.of(1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DistributionKind.DISCRETE.of(1, 2)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aFamilyTakesItsTypeItsParametersAndItsWindowAndNothingElse() {
        assertThat(DistributionKind.TRIANGULAR.problemWithField("type")).isEmpty();
        assertThat(DistributionKind.TRIANGULAR.problemWithField("mode")).isEmpty();
        assertThat(DistributionKind.TRIANGULAR.problemWithField("upper")).isEmpty();
        assertThat(DistributionKind.TRIANGULAR.problemWithField("sd"))
                .hasValue("a triangular distribution has no 'sd'; it takes min, mode, max, lower, upper");
        // the empirical family is not cut to a window, and its article is 'an'
        assertThat(DistributionKind.EMPIRICAL.problemWithField("lower"))
                .hasValue("an empirical distribution has no 'lower'; it takes values");
        assertThat(DistributionKind.LOG_UNIFORM.problemWithField("mean"))
                .hasValue("a logUniform distribution has no 'mean'; it takes min, max, lower, upper");
    }
}
