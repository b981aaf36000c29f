package io.parley.engine;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.parley.Fixtures;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A JVM started without {@code --add-modules jdk.incubator.vector} (a plain {@code java -jar}) evaluates batches on
 * the plain loops: the kernel's class, which names the Vector API, is never loaded, and the figures are the scalar
 * evaluator's. Run in a JVM of its own, since this one has the module.
 */
class WithoutVectorApiTest {

    @Test
    void aJvmWithoutTheModuleEvaluatesBatchesOnThePlainLoops() throws Exception {
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Batch.class.getName())
                .redirectErrorStream(true).start();
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).as("the JVM ended").isTrue();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output).contains("plain loops, 300 samples as the scalar evaluator").doesNotContain("incubator");
    }

    /** A batch of discounts and payment days against the scalar evaluator, bit for bit; exits 1 on a difference. */
    public static final class Batch {

        public static void main(String[] args) {
            if (ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()) {
                throw new IllegalStateException("started with the Vector API's module");
            }
            CompiledScenario compiled = CompiledScenario.compile(Fixtures.example("packaging-retailer-renewal.json"));
            int discount = compiled.slot("terms.discounts[" + compiled.scenario().products().get(0).id() + "]");
            int days = compiled.slot("terms.paymentDays");
            BatchEvaluator batch = compiled.newBatchEvaluator(discount, days);
            int samples = 300;
            double[][] values = new double[2][samples];
            for (int s = 0; s < samples; s++) {
                values[0][s] = 0.001 * s;
                values[1][s] = s % 120;
            }
            double[][] out = new double[Metric.count()][samples];
            batch.evaluate(compiled.parameters(), values, samples, out);
            Evaluator scalar = compiled.newEvaluator();
            double[] summary = new double[Metric.count()];
            for (int s = 0; s < samples; s++) {
                double[] p = compiled.parameters();
                p[discount] = values[0][s];
                p[days] = values[1][s];
                scalar.evaluate(p, summary);
                for (Metric m : Metric.values()) {
                    if (Double.doubleToLongBits(out[m.ordinal()][s]) != Double.doubleToLongBits(summary[m.ordinal()])) {
                        System.out.println("sample " + s + ", " + m.apiName + ": batch " + out[m.ordinal()][s]
                                + " but scalar " + summary[m.ordinal()]);
                        System.exit(1);
                    }
                }
            }
            System.out.println((batch.usesVectorApi() ? "Vector API" : "plain loops") + ", " + samples
                    + " samples as the scalar evaluator");
        }
    }
}
