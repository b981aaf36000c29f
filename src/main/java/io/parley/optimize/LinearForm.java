package io.parley.optimize;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Σ coefficient × quantity + Σ coefficient × decision value: the shape of every objective and
 * constraint. Decisions are referred to by their index in the problem.
 */
public record LinearForm(Map<Quantity, Double> quantities, Map<Integer, Double> decisions) {

    public LinearForm {
        quantities = Map.copyOf(quantities);
        decisions = Map.copyOf(decisions);
    }

    public static LinearForm of(Quantity q, double coefficient) {
        return new LinearForm(Map.of(q, coefficient), Map.of());
    }

    public LinearForm plus(Quantity q, double coefficient) {
        Map<Quantity, Double> m = new LinkedHashMap<>(quantities);
        m.merge(q, coefficient, Double::sum);
        return new LinearForm(m, decisions);
    }

    /** This form plus {@code coefficient} × {@code other}. */
    public LinearForm plus(LinearForm other, double coefficient) {
        Map<Quantity, Double> q = new LinkedHashMap<>(quantities);
        other.quantities.forEach((k, v) -> q.merge(k, coefficient * v, Double::sum));
        Map<Integer, Double> d = new LinkedHashMap<>(decisions);
        other.decisions.forEach((k, v) -> d.merge(k, coefficient * v, Double::sum));
        return new LinearForm(q, d);
    }
}
