package io.parley;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.parley.document.ScenarioJson;
import io.parley.model.CostToServe;
import io.parley.model.Horizon;
import io.parley.model.Product;
import io.parley.model.Rebate;
import io.parley.model.Scenario;
import io.parley.model.Service;
import io.parley.model.Terms;
import io.parley.model.Violation;

/** Test data: the example files in {@code scenarios/} and small scenarios named for their role. */
public final class Fixtures {

    public static final Path SCENARIOS = Path.of("scenarios");
    public static final ObjectMapper MAPPER = new ObjectMapper();

    private Fixtures() {
    }

    /** The example scenario files (every {@code .json} in scenarios/ but {@code expected.json}). */
    public static List<String> exampleFiles() {
        try (Stream<Path> files = Files.list(SCENARIOS)) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".json") && !n.equals("expected.json"))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String exampleText(String file) {
        try {
            return Files.readString(SCENARIOS.resolve(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static JsonNode json(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An example file read as the API reads it; fails the test if it has any problem. */
    public static Scenario example(String file) {
        List<Violation> violations = new ArrayList<>();
        Scenario s = ScenarioJson.read(json(exampleText(file)), "", violations);
        if (!violations.isEmpty()) {
            throw new AssertionError(file + " is not a valid scenario: " + violations);
        }
        return s;
    }

    /** The independently worked figures for each example file. */
    public static JsonNode expectedFigures() {
        return json(exampleText("expected.json"));
    }

    /** The scenario with each (lever path, value) pair applied in turn, through the model's own lever paths. */
    public static Scenario with(Scenario s, Object... pathValuePairs) {
        Scenario out = s;
        for (int i = 0; i < pathValuePairs.length; i += 2) {
            String path = (String) pathValuePairs[i];
            out = io.parley.model.Levers.apply(out, io.parley.model.Levers.resolve(path, out),
                    ((Number) pathValuePairs[i + 1]).doubleValue());
        }
        return out;
    }

    public static Product product(String id, double baseVolume, double listPrice, double unitCost) {
        return new Product(id, baseVolume, listPrice, unitCost, 0, 0, 0);
    }

    public static Terms terms(Map<String, Double> discounts, Rebate rebate, double paymentDays, int contractYears,
                              double renewal, List<Service> services, double investment) {
        return new Terms(discounts, rebate, paymentDays, contractYears, renewal, services, investment);
    }

    /** One product, 1000 units a year at 10 costing 6, no growth, no terms: figures a reader can do in their head. */
    public static Scenario flatDeal(int years, int periodsPerYear) {
        return new Scenario("flat deal", "", "EUR", new Horizon(years, periodsPerYear), 0.10, 0.10,
                List.of(product("widgets", 1000, 10, 6)), Terms.listPriceStatusQuo(years),
                Terms.listPriceStatusQuo(years), CostToServe.NONE);
    }
}
