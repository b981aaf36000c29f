package io.parley.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.parley.model.Scenario;
import io.parley.model.Violation;
import io.parley.plan.PlanScenario;

/** What the plan resources share: reading ids from paths, the 404, and a stored scenario read back. */
final class PlanPaths {

    private PlanPaths() {
    }

    /** A plan id from the path; one that is not a number names no plan. */
    static long planId(String id) {
        return number(id, "no plan " + id);
    }

    /** Any numeric path id; one that is not a number is a 404 with {@code missing}. */
    static long number(String id, String missing) {
        try {
            return Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw notFound(missing);
        }
    }

    static ProblemException notFound(String detail) {
        return new ProblemException(Problem.of(Problem.Kind.NOT_FOUND, detail));
    }

    /** A stored scenario document as a scenario again. */
    static Scenario scenario(PlanScenario stored, ObjectMapper mapper) {
        List<Violation> violations = new ArrayList<>();
        try {
            Scenario s = ScenarioJson.read(mapper.readTree(stored.document()), "", violations);
            if (!violations.isEmpty()) throw new IllegalStateException("a stored scenario no longer validates: " + violations);
            return s;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
