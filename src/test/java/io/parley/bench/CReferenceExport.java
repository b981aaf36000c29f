package io.parley.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.parley.Fixtures;
import io.parley.engine.CompiledScenario;
import io.parley.engine.Evaluator;
import io.parley.engine.Metric;
import io.parley.model.Product;
import io.parley.model.Scenario;
import io.parley.model.Service;
import io.parley.model.Terms;

/**
 * Writes what the C reference of the evaluator ({@code scripts/bench/evaluator.c}) reads: an example
 * scenario's shape, its compiled parameter vector, the slot of its first product's discount, and the 21
 * summary metrics of {@link Evaluator} at the scenario's own values and at other discounts, which the C
 * program must reproduce before it is timed. Every double is written as {@link Double#toHexString}, so
 * the C side reads the very bits.
 *
 * <p>The C port hard-codes the layout of {@link CompiledScenario#parameters()}; this checks that layout slot
 * by slot against {@link CompiledScenario#slot(String)} and stops (exit 2) when it has moved, rather than let
 * the C program compute the wrong thing. Usage: {@code CReferenceExport <file in scenarios/> <output>}.
 */
public final class CReferenceExport {

    /** Discounts of the first product at which the metrics are checked besides the scenario's own. */
    private static final double[] CHECKED_DISCOUNTS = {0, 0.01, 0.0523, 0.1023, 0.2, 0.35, 0.5, 0.9};

    private CReferenceExport() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: CReferenceExport <file in scenarios/> <output file>");
            System.exit(64);
        }
        Scenario scenario = Fixtures.example(args[0]);
        CompiledScenario compiled = CompiledScenario.compile(scenario);
        List<String> layout = expectedLayout(scenario);
        for (int slot = 0; slot < layout.size(); slot++) {
            int found = compiled.slot(layout.get(slot));
            if (found != slot) {
                System.err.printf("CReferenceExport: %s is slot %d, the C port expects %d: the layout of "
                        + "CompiledScenario changed, update scripts/bench/evaluator.c%n", layout.get(slot), found, slot);
                System.exit(2);
            }
        }
        if (compiled.parameterCount() != layout.size() || compiled.hasYearSlots()) {
            System.err.printf("CReferenceExport: %d slots, the C port knows %d%n", compiled.parameterCount(), layout.size());
            System.exit(2);
        }
        String discountPath = "terms.discounts[" + scenario.products().get(0).id() + "]";
        int discountSlot = compiled.slot(discountPath);

        double[] p = compiled.parameters();
        Evaluator evaluator = compiled.newEvaluator();
        double[] summary = new double[Metric.count()];
        List<double[]> checks = new ArrayList<>();
        double[] values = new double[CHECKED_DISCOUNTS.length + 1];
        values[0] = p[discountSlot];
        System.arraycopy(CHECKED_DISCOUNTS, 0, values, 1, CHECKED_DISCOUNTS.length);
        for (double value : values) {
            p[discountSlot] = value;
            evaluator.evaluate(p, summary);
            checks.add(summary.clone());
        }
        p[discountSlot] = values[0];

        try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(Path.of(args[1]), StandardCharsets.UTF_8))) {
            out.println("parley-cref 1");
            out.println("scenario " + args[0]);
            out.println("years " + scenario.horizon().years());
            out.println("periodsPerYear " + scenario.horizon().periodsPerYear());
            out.println("products " + scenario.products().size());
            out.println("termsBasis " + scenario.terms().rebate().basis());
            out.println("baselineBasis " + scenario.baseline().rebate().basis());
            out.println("termsTiers " + scenario.terms().rebate().tiers().size());
            out.println("baselineTiers " + scenario.baseline().rebate().tiers().size());
            out.println("termsServices " + scenario.terms().services().size());
            out.println("baselineServices " + scenario.baseline().services().size());
            out.println("movingSlot " + discountSlot + " " + discountPath);
            out.println("parameters " + p.length);
            for (int slot = 0; slot < p.length; slot++) {
                out.println(Double.toHexString(p[slot]) + " " + layout.get(slot));
            }
            out.println("metrics " + Metric.count());
            for (Metric m : Metric.values()) {
                out.println(m.apiName);
            }
            out.println("checks " + values.length);
            for (int i = 0; i < values.length; i++) {
                StringBuilder line = new StringBuilder(Double.toHexString(values[i]));
                for (double v : checks.get(i)) {
                    line.append(' ').append(Double.toHexString(v));
                }
                out.println(line);
            }
        }
    }

    /**
     * The lever path of each slot in the order the C port reads them: nine account-wide slots, eight per
     * product, then (threshold, rate) per rebate tier and (costPerYear, valuePerYear) per service, terms
     * before baseline.
     */
    private static List<String> expectedLayout(Scenario s) {
        List<String> paths = new ArrayList<>(List.of("supplier.costOfCapital", "customer.costOfCapital",
                "costToServe.fixedPerYear", "costToServe.inflation", "terms.paymentDays", "terms.contractYears",
                "terms.renewalProbability", "terms.upfrontInvestment", "baseline.paymentDays"));
        for (Product product : s.products()) {
            String at = "products[" + product.id() + "].";
            for (String field : List.of("baseVolume", "listPrice", "unitCost", "volumeGrowth", "priceEscalator", "costInflation")) {
                paths.add(at + field);
            }
            paths.add("terms.discounts[" + product.id() + "]");
            paths.add("baseline.discounts[" + product.id() + "]");
        }
        tiers(paths, "terms", s.terms());
        tiers(paths, "baseline", s.baseline());
        services(paths, "terms", s.terms());
        services(paths, "baseline", s.baseline());
        return paths;
    }

    private static void tiers(List<String> paths, String side, Terms terms) {
        for (int k = 0; k < terms.rebate().tiers().size(); k++) {
            paths.add(side + ".rebate.tiers[" + k + "].threshold");
            paths.add(side + ".rebate.tiers[" + k + "].rate");
        }
    }

    private static void services(List<String> paths, String side, Terms terms) {
        for (Service service : terms.services()) {
            paths.add(side + ".services[" + service.id() + "].costPerYear");
            paths.add(side + ".services[" + service.id() + "].valuePerYear");
        }
    }
}
