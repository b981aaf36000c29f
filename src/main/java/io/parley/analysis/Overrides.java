package io.parley.analysis;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.parley.model.InvalidInputException;
import io.parley.model.Lever;
import io.parley.model.Levers;
import io.parley.model.Scenario;
import io.parley.model.ScenarioValidator;
import io.parley.model.Violation;

/**
 * A variant given as lever overrides of a baseline: every value is set at once and the variant is then
 * held to the model's rules as a whole, like a variant given as a full scenario. Values are not judged
 * one at a time against the baseline's other values: thresholds of one rebate schedule may pass each
 * other (5.6 M and 6.0 M set to 6.2 M and 6.3 M) as long as the variant's tiers ascend.
 */
public final class Overrides {

    private Overrides() {
    }

    /** One override: the path as the client wrote it, the field it names, and its new value. */
    public record Value(String path, Lever lever, double value) {
    }

    /**
     * A rule the variant breaks. {@code culprit} is the override that breaks it on its own (set alone on
     * the baseline it breaks the same rule at the same place); empty when only the values together break it.
     */
    public record Breach(Optional<Value> culprit, Violation violation) {
    }

    /** The variant, valid when {@code breaches} is empty. */
    public record Applied(Scenario variant, List<Breach> breaches) {

        public boolean valid() {
            return breaches.isEmpty();
        }
    }

    /**
     * The baseline with every value set, and every rule it breaks. Two values for one field are a
     * breach; a value its field cannot take (a fraction of a year) is one and is left out of the variant.
     */
    public static Applied apply(Scenario baseline, List<Value> values) {
        List<Breach> breaches = new ArrayList<>();
        Set<String> fields = new HashSet<>();
        List<Value> set = new ArrayList<>();
        Scenario variant = baseline;
        for (Value v : values) {
            if (!fields.add(v.lever().pointer())) {
                breaches.add(new Breach(Optional.of(v), new Violation(v.lever().pointer(),
                        "sets the same number as another path in this variant", v.path())));
                continue;
            }
            try {
                variant = Levers.apply(variant, v.lever(), v.value());
                set.add(v);
            } catch (InvalidInputException e) {
                e.violations().forEach(broken -> breaches.add(new Breach(Optional.of(v), broken)));
            }
        }
        // the values that could be set are checked too, so every problem is reported at once
        for (Violation broken : ScenarioValidator.validate(variant)) {
            breaches.add(new Breach(set.stream().filter(v -> breaksAlone(baseline, v, broken)).findFirst(), broken));
        }
        return new Applied(variant, List.copyOf(breaches));
    }

    /** True when {@code v} set alone on the baseline breaks the rule {@code broken} states, at the same field. */
    private static boolean breaksAlone(Scenario baseline, Value v, Violation broken) {
        if (!v.lever().pointer().equals(broken.pointer())) return false;
        return ScenarioValidator.validate(Levers.apply(baseline, v.lever(), v.value())).stream()
                .anyMatch(alone -> alone.pointer().equals(broken.pointer()) && alone.message().equals(broken.message()));
    }
}
