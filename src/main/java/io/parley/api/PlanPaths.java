package io.parley.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.parley.model.Scenario;
import io.parley.model.Violation;
import io.parley.plan.PlanScenario;

/** What the plan resources share: reading ids from paths (400), the 404, and a stored scenario read back. */
final class PlanPaths {

    private PlanPaths() {
    }

    /** Path ids are written in ASCII digits only: no sign, no spaces, no other script's digits. */
    private static final Pattern DIGITS = Pattern.compile("[0-9]+");

    /** The plan id in the path parameter {@code id}: a whole number ≥ 1, else 400. */
    static long planId(String id) {
        return id("id", id, "a plan id");
    }

    /** The scenario id in the path parameter {@code sid}: a whole number ≥ 1, else 400. */
    static long scenarioId(String sid) {
        return id("sid", sid, "a scenario id");
    }

    /**
     * A path id that names something by number: a whole number from 1 to {@link Long#MAX_VALUE}.
     * Anything else is a 400 naming the parameter, the value and this rule; whether a well-formed id
     * names something that exists is the caller's 404.
     */
    static long id(String parameter, String value, String what) {
        if (DIGITS.matcher(value).matches()) {
            try {
                long id = Long.parseLong(value);
                if (id >= 1) return id;
            } catch (NumberFormatException tooLarge) {
                throw Requests.badPathParameter(parameter, value, "path parameter '" + parameter + "': '" + value
                        + "' is not " + what + "; " + what + " is a whole number ≥ 1, at most " + Long.MAX_VALUE);
            }
        }
        throw Requests.badPathParameter(parameter, value, "path parameter '" + parameter + "': '" + value
                + "' is not " + what + "; " + what + " is a whole number ≥ 1");
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
