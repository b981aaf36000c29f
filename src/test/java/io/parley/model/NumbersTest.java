package io.parley.model;

import java.math.BigDecimal;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Numbers for spreadsheets: plain decimals that read back to the same double. */
class NumbersTest {

    @ParameterizedTest
    @CsvSource({
            "1200000, 1200000", "0.06, 0.06", "-0.2, -0.2", "34591963.88943961, 34591963.88943961",
            "1.0E-5, 0.00001", "-2.5E-7, -0.00000025", "1.0E20, 100000000000000000000", "0, 0",
            "123456789012.5, 123456789012.5", "1.5E15, 1500000000000000"})
    void writesPlainDecimals(double value, String expected) {
        assertThat(Numbers.plain(value)).isEqualTo(expected);
    }

    @Test
    void agreesWithBigDecimalsPlainFormOnRandomDoubles() {
        SplittableRandom random = new SplittableRandom(42);
        for (int i = 0; i < 20_000; i++) {
            double v = (random.nextDouble() - 0.5) * Math.pow(10, random.nextInt(-20, 21));
            if (!Double.isFinite(v) || Math.abs(v) > 1e20 || Math.abs(v) < 1e-20) continue;
            String expected = BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
            assertThat(Numbers.plain(v)).as("%s", v).isEqualTo(expected);
            assertThat(Double.parseDouble(Numbers.plain(v))).isEqualTo(v);
        }
    }
}
