package io.parley.model;

import java.util.List;

/** Input that breaks the model's rules; carries every violation found, not just the first. */
public class InvalidInputException extends RuntimeException {

    private final List<Violation> violations;

    public InvalidInputException(List<Violation> violations) {
        super(violations.size() == 1 ? violations.get(0).toString()
                : violations.size() + " problems, first: " + violations.get(0));
        this.violations = List.copyOf(violations);
    }

    public InvalidInputException(Violation violation) {
        this(List.of(violation));
    }

    public List<Violation> violations() {
        return violations;
    }
}
