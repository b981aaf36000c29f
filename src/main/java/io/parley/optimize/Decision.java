package io.parley.optimize;

import java.util.List;
import java.util.Optional;

import io.parley.analysis.BoundLever;

/** A term the optimiser may choose: a lever that is continuous within bounds, or a choice from a menu. */
public sealed interface Decision {

    /** How the decision is named in requests and answers: a lever path, or a service for an include decision. */
    String name();

    /** The parameter slots the decision sets: two decisions that share one would decide it twice. */
    default List<Integer> slots() {
        if (this instanceof Continuous c) return List.of(c.lever().slot());
        return ((Menu) this).settings().stream().map(s -> s.lever().slot()).toList();
    }

    /** Why {@code lever} cannot be decided as a continuous range, if it cannot: whole-number levers take menus. */
    static Optional<String> problemWithContinuous(BoundLever lever) {
        return !lever.lever().integral() ? Optional.empty()
                : Optional.of(lever.path() + " takes whole numbers; add \"integer\": true or give a menu of values");
    }

    /** Any value of the lever in [min, max]. */
    record Continuous(BoundLever lever, double min, double max) implements Decision {
        public Continuous {
            if (!(min <= max)) throw new IllegalArgumentException(lever.path() + ": min " + min + " > max " + max);
        }

        public String name() {
            return lever.path();
        }
    }

    /**
     * One of a list of options. Choosing option o sets each lever of {@code settings} to its o-th value:
     * a plain menu sets one lever to the option itself; including a service or not sets its cost and its
     * value together (options 0 = left out, 1 = included).
     */
    record Menu(String name, double[] options, List<Setting> settings) implements Decision {
        public Menu {
            if (options.length == 0) throw new IllegalArgumentException(name + ": an empty menu");
            options = options.clone();
            settings = List.copyOf(settings);
            for (Setting s : settings) {
                if (s.values().length != options.length) throw new IllegalArgumentException(name + ": one value per option");
            }
        }

        /** A menu of values for one lever (a whole-number decision is the menu of its whole numbers). */
        public static Menu of(BoundLever lever, double[] options) {
            return new Menu(lever.path(), options, List.of(new Setting(lever, options)));
        }

        /** A service of the terms, included (its cost and value as in the scenario) or left out. */
        public static Menu include(String service, BoundLever cost, BoundLever value) {
            return new Menu(service, new double[] {0, 1}, List.of(
                    new Setting(cost, new double[] {0, cost.baseValue()}),
                    new Setting(value, new double[] {0, value.baseValue()})));
        }

        void apply(double[] parameters, int option) {
            for (Setting s : settings) parameters[s.lever().slot()] = s.values()[option];
        }
    }

    /** A lever a menu sets, with its value for each option. */
    record Setting(BoundLever lever, double[] values) {
        public Setting {
            values = values.clone();
        }
    }
}
