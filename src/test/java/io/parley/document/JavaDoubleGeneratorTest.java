package io.parley.document;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.parley.Fixtures;
import io.parley.model.Scenario;
import io.parley.model.Sha256;
import io.parley.model.Violation;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A tree written through {@link JavaDoubleGenerator} is the bytes Jackson's own {@code writeValueAsBytes}
 * writes, so a scenario's hash is what it was: doubles of every kind, and every example's canonical form.
 */
class JavaDoubleGeneratorTest {

    private final ObjectMapper mapper = new ObjectMapper();

    @Test
    void doublesOfEveryKindAreWrittenAsJacksonWritesThem() throws IOException {
        SplittableRandom random = new SplittableRandom(2026);
        ObjectNode tree = mapper.createObjectNode();
        ArrayNode numbers = tree.putArray("numbers");
        for (int i = 0; i < 50_000; i++) {
            numbers.add(switch (i % 4) {
                case 0 -> Double.longBitsToDouble(random.nextLong()); // every magnitude, NaN and infinities too
                case 1 -> Math.round(random.nextDouble(-1e9, 1e9) * 100) / 100.0; // money-like
                case 2 -> random.nextInt(-20_000_000, 20_000_000); // whole, both sides of 10^7
                default -> random.nextDouble(); // rates, 17 digits
            });
        }
        for (double edge : new double[] {0.0, -0.0, 1e-3, 9.999999999999998E-4, 1e7, 9999999.999999998, Double.MIN_VALUE,
                Double.MAX_VALUE, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
            numbers.add(edge);
        }
        tree.put("name", "Nordhaven × FreshWay \"quoted\"").put("whole", 42).put("long", Long.MIN_VALUE);
        assertThat(new String(throughJavaDoubles(tree), java.nio.charset.StandardCharsets.UTF_8))
                .isEqualTo(new String(mapper.writeValueAsBytes(tree), java.nio.charset.StandardCharsets.UTF_8));
    }

    static List<String> examples() {
        return Fixtures.exampleFiles();
    }

    @ParameterizedTest
    @MethodSource("examples")
    void everyExamplesHashIsTheHashOfJacksonsBytes(String file) throws IOException {
        List<Violation> violations = new ArrayList<>();
        Scenario scenario = ScenarioJson.read(mapper.readTree(Fixtures.exampleText(file)), "", violations);
        assertThat(violations).isEmpty();
        ObjectNode canonical = ScenarioJson.canonical(scenario, mapper);
        assertThat(ScenarioJson.hashOf(canonical, mapper)).isEqualTo(Sha256.named(mapper.writeValueAsBytes(canonical)));
    }

    private byte[] throughJavaDoubles(ObjectNode tree) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JsonGenerator out = new JavaDoubleGenerator(mapper.createGenerator(bytes, JsonEncoding.UTF8))) {
            mapper.writeValue(out, tree);
        }
        return bytes.toByteArray();
    }
}
