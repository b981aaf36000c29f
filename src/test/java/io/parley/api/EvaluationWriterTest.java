package io.parley.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;

import io.parley.Fixtures;
import io.parley.engine.CompiledScenario;
import io.parley.engine.Line;
import io.parley.engine.Metric;
import io.parley.engine.ProductTable;
import io.parley.engine.Report;
import io.parley.model.Scenario;

/**
 * {@link EvaluationWriter} writes the bytes Jackson's generic path wrote for the records and ordered
 * maps an evaluation was before it (kept here, below, as the reference): every example, with and
 * without periods, and figures that do not exist (NaN) or are not finite.
 */
class EvaluationWriterTest {

    private final ObjectMapper mapper = new ObjectMapper();
    private final Provenance deterministic = new Provenance("1.2.3", "v1", "sha256:aa", "sha256:bb", null, null);
    private final Provenance sampled = new Provenance("1.2.3", "v1", "sha256:aa", "sha256:bb", "sobol", 42L);

    EvaluationWriterTest() {
        // as the service's mapper, but a reference's numbers keep Jackson's own Double.toString path, so
        // that a JavaDoubleText in the writer that lays out a figure unlike the JDK fails here
        new NonFiniteAsNull().customize(mapper);
        JsonSerializer<Double> jacksonNumber = new JsonSerializer<>() {
            @Override
            public void serialize(Double value, JsonGenerator out, SerializerProvider provider) throws IOException {
                if (Double.isFinite(value)) out.writeNumber(value.doubleValue());
                else out.writeNull();
            }
        };
        mapper.registerModule(new SimpleModule("reference-numbers")
                .addSerializer(Double.class, jacksonNumber).addSerializer(Double.TYPE, jacksonNumber));
    }

    static List<String> examples() {
        return Fixtures.exampleFiles();
    }

    @ParameterizedTest
    @MethodSource("examples")
    void everyExampleIsWrittenAsTheGenericPathWroteIt(String file) throws Exception {
        Scenario s = Fixtures.example(file);
        Report report = CompiledScenario.compile(s).report();
        for (boolean periods : new boolean[] {false, true}) {
            assertSameBytes(s, report, periods, deterministic);
        }
    }

    @Test
    void figuresThatDoNotExistOrAreNotFiniteAreNullAsBefore() throws Exception {
        Scenario s = Fixtures.example("packaging-retailer-renewal.json");
        Report r = CompiledScenario.compile(s).report();
        double[] summary = r.summary().clone();
        summary[Metric.NPV.ordinal()] = Double.NaN;
        summary[Metric.VALUE_LEVERAGE.ordinal()] = Double.POSITIVE_INFINITY;
        summary[Metric.PAYBACK_PERIOD.ordinal()] = Double.NaN;
        double[][] years = deepCopy(r.years());
        years[0][0] = Double.NaN;
        years[1][2] = Double.NEGATIVE_INFINITY;
        double[][] periods = deepCopy(r.periods());
        periods[3][1] = Double.POSITIVE_INFINITY;
        Report odd = new Report(summary, years, periods, r.products());
        assertSameBytes(s, odd, true, sampled);
        String json = new String(mapper.writeValueAsBytes(ResultJson.evaluation(s, odd, true, sampled)), StandardCharsets.UTF_8);
        assertTrue(json.contains("\"npv\":null"), json);
        assertTrue(json.contains("\"valueLeverage\":null"), json);
        assertTrue(json.contains("\"paybackPeriod\":null"), json);
        assertTrue(json.contains("\"sampling\":\"sobol\",\"seed\":42}"), json);
    }

    @Test
    void aPaybackPeriodIsAWholeNumber() throws Exception {
        Scenario s = Fixtures.example("packaging-retailer-renewal.json");
        Report r = CompiledScenario.compile(s).report();
        double[] summary = r.summary().clone();
        summary[Metric.PAYBACK_PERIOD.ordinal()] = 7;
        Report seven = new Report(summary, r.years(), r.periods(), r.products());
        assertSameBytes(s, seven, false, deterministic);
        String json = new String(mapper.writeValueAsBytes(ResultJson.evaluation(s, seven, false, deterministic)), StandardCharsets.UTF_8);
        assertTrue(json.contains("\"paybackPeriod\":7,") || json.contains("\"paybackPeriod\":7}"), json);
    }

    @Test
    void theTreeFormIsTheGenericPathsTree() {
        Scenario s = Fixtures.example("telecom-enterprise-monthly.json");
        Report r = CompiledScenario.compile(s).report();
        assertEquals(mapper.valueToTree(Reference.of(s, r, true, sampled)),
                ResultJson.evaluation(s, r, true, sampled, mapper));
    }

    private void assertSameBytes(Scenario s, Report r, boolean periods, Provenance p) throws Exception {
        byte[] expected = mapper.writeValueAsBytes(Reference.of(s, r, periods, p));
        byte[] written = mapper.writeValueAsBytes(ResultJson.evaluation(s, r, periods, p));
        assertArrayEquals(expected, written, () -> new String(written, StandardCharsets.UTF_8));
    }

    private static double[][] deepCopy(double[][] table) {
        double[][] copy = new double[table.length][];
        for (int i = 0; i < table.length; i++) copy[i] = table[i].clone();
        return copy;
    }

    /** The evaluation as it was written until the writer replaced it: records and ordered maps. */
    record Reference(String name, String currency, Map<String, Number> summary, List<Map<String, Number>> years,
                     List<ProductRow> products, @JsonInclude(JsonInclude.Include.NON_NULL) List<Map<String, Number>> periods,
                     Provenance provenance) {

        record ProductRow(String id, double volume, double listRevenue, double discount, double netRevenue, double rebate,
                          double cogs, double grossMargin) {
        }

        static Reference of(Scenario s, Report report, boolean withPeriods, Provenance provenance) {
            List<Map<String, Number>> years = new ArrayList<>();
            for (int y = 0; y < s.horizon().years(); y++) {
                Map<String, Number> row = new LinkedHashMap<>();
                row.put("year", y + 1);
                years.add(lines(row, report.years(), y));
            }
            List<ProductRow> products = new ArrayList<>();
            ProductTable t = report.products();
            for (int l = 0; l < t.size(); l++) {
                products.add(new ProductRow(s.products().get(l).id(), t.volume(l), t.listRevenue(l), t.discount(l),
                        t.netRevenue(l), t.rebate(l), t.cogs(l), t.grossMargin(l)));
            }
            List<Map<String, Number>> periods = null;
            if (withPeriods) {
                periods = new ArrayList<>();
                int ppy = s.horizon().periodsPerYear();
                for (int p = 0; p < s.horizon().periods(); p++) {
                    Map<String, Number> row = new LinkedHashMap<>();
                    row.put("period", p + 1);
                    row.put("year", p / ppy + 1);
                    periods.add(lines(row, report.periods(), p));
                }
            }
            return new Reference(s.name(), s.currency(), ResultJson.figures(report.summary()), years, products, periods, provenance);
        }

        private static Map<String, Number> lines(Map<String, Number> row, double[][] table, int column) {
            for (Line line : Line.values()) {
                double v = table[line.ordinal()][column];
                row.put(line.apiName, Double.isNaN(v) ? null : v);
            }
            return row;
        }
    }
}
