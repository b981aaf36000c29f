package io.parley.analysis;

import java.util.Optional;

import io.parley.engine.CompiledScenario;
import io.parley.model.InvalidInputException;
import io.parley.model.Lever;
import io.parley.model.Levers;
import io.parley.model.Numbers;
import io.parley.model.Scenario;
import io.parley.model.ScenarioValidator;

/**
 * A lever path resolved against a compiled scenario: its slot in the parameter vector and the value
 * the scenario gives it.
 */
public record BoundLever(String path, Lever lever, int slot, double baseValue) {

    /**
     * Binds a path.
     *
     * @throws io.parley.model.InvalidLeverPathException when the path names nothing or a shape-setting number
     */
    public static BoundLever bind(CompiledScenario compiled, String path) {
        Lever lever = Levers.resolve(path, compiled.scenario());
        int slot = compiled.slot(lever);
        return new BoundLever(path, lever, slot, compiled.value(slot));
    }

    /** The rule {@code value} would break for this lever, if any: the same rules as a scenario's field. */
    public Optional<String> ruleBrokenBy(CompiledScenario compiled, double value) {
        if (!Double.isFinite(value)) {
            return Optional.of(Numbers.plain(value) + " is not a finite number");
        }
        // a year's rate obeys the rule of the scenario's rate, which holds for each year alike
        Lever field = lever instanceof Lever.PerYear y ? y.scenarioRate() : lever;
        Scenario changed;
        try {
            changed = Levers.apply(compiled.scenario(), field, value);
        } catch (InvalidInputException e) {
            return Optional.of(e.violations().get(0).message());
        }
        // the scenario was valid before, so any rule broken now is broken by this value, whichever
        // field it is reported on (a tier threshold moved past the next tier is reported on the next)
        return ScenarioValidator.validate(changed).stream()
                .map(v -> v.pointer().equals(field.pointer()) ? v.message() : v.pointer() + ": " + v.message())
                .findFirst();
    }
}
