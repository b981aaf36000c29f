package io.parley.document;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.parley.model.Violation;
import org.junit.jupiter.api.Test;

/** The same bad request gets the same message on every run, whatever set the reader passes. */
class JsonInputTest {

    @Test
    void anUnorderedSetOfFieldsIsListedAlphabetically() {
        // Set.of iterates in an order salted per JVM; sorted, the message cannot change after a restart.
        assertEquals("alpha, beta, lower, max, mean, min, mode, sd, type, upper",
                JsonInput.listed(Set.of("type", "mean", "sd", "lower", "upper", "min", "mode", "max", "alpha", "beta")));
    }

    @Test
    void aReadersOrderedSetKeepsItsOrder() {
        assertEquals("name, set, scenario", JsonInput.listed(new LinkedHashSet<>(List.of("name", "set", "scenario"))));
    }

    @Test
    void anUnknownFieldNamesTheFieldsInStableOrderAndTheNearestOne() throws Exception {
        List<Violation> violations = new ArrayList<>();
        JsonInput in = new JsonInput(violations);
        in.object(new ObjectMapper().readTree("{\"lowr\": 1}"), "/range", "a range", Set.of("upper", "lower", "steps"));
        assertEquals(1, violations.size());
        assertEquals("/range/lowr", violations.get(0).pointer());
        assertEquals("unknown field 'lowr' in a range (did you mean 'lower'?); expected one of lower, steps, upper",
                violations.get(0).message());
    }
}
