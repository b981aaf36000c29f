package io.parley.api;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.parley.model.Scenario;
import io.parley.model.Violation;
import io.parley.plan.PlanScenario;

/**
 * What the plan resources share: reading ids from paths (400), the 404, and a stored scenario read
 * back (409 when it no longer satisfies the model).
 */
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

    /**
     * A stored scenario read back through the model: the scenario, or every rule the stored
     * document breaks now (pointers under {@code /scenario}, as in the stored scenario's JSON).
     * Documents are checked when stored, so a violation means the model's rules have tightened since.
     */
    record Reread(Scenario scenario, List<Violation> violations) {
        boolean valid() {
            return violations.isEmpty();
        }
    }

    static Reread reread(PlanScenario stored, ObjectMapper mapper) {
        JsonNode document;
        try {
            document = mapper.readTree(stored.document());
        } catch (IOException e) {
            return new Reread(null, List.of(Violation.of("/scenario", "the stored document is not well-formed JSON")));
        }
        List<Violation> violations = new ArrayList<>();
        Scenario scenario = ScenarioJson.read(document, "/scenario", violations);
        return violations.isEmpty() ? new Reread(scenario, List.of()) : new Reread(null, List.copyOf(violations));
    }

    /** A stored scenario as a scenario again; a 409 naming every violation when it no longer satisfies the model. */
    static Scenario scenario(PlanScenario stored, ObjectMapper mapper) {
        Reread read = reread(stored, mapper);
        if (!read.valid()) {
            throw new ProblemException(Problem.storedScenarioInvalid(stored.planId(), stored.id(), read.violations()));
        }
        return read.scenario();
    }
}
