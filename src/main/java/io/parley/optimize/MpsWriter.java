package io.parley.optimize;

import java.util.Set;

import com.google.ortools.linearsolver.MPConstraint;
import com.google.ortools.linearsolver.MPObjective;
import com.google.ortools.linearsolver.MPSolver;
import com.google.ortools.linearsolver.MPVariable;

/**
 * Writes a solver's model as free-format MPS with every coefficient at full double precision
 * (OR-Tools' own exporter rounds to six digits, which an analyst re-solving the model would inherit).
 * MPS has no standard way to say "maximise" (OBJSENSE is an extension GLPK rejects), so a
 * maximisation is written, as a comment line says, as the minimisation of the negated objective:
 * every reader then solves the same problem, and its optimum is the negated objective. Readers
 * disagree on the sign of a constant given as the objective row's right-hand side, so the objective's
 * constant is carried by a variable OBJCONST fixed at 1. The NAME card ends in FREE, CoinUtils' mark
 * of free format: without it cbc guesses the format from where fields fall on a line and, on a
 * column line whose number starts at the fixed format's field 3, crashes (cbc 2.10.8 segfaults in
 * CoinMpsCardReader::nextField); glpsol --freemps ignores the word.
 */
final class MpsWriter {

    private static final String OBJECTIVE = "COST";
    private static final String CONSTANT = "OBJCONST";

    private MpsWriter() {
    }

    /** @param integer indexes of the integer variables (OR-Tools' Java API does not expose it) */
    static String write(MPSolver solver, String name, Set<Integer> integer) {
        MPVariable[] variables = solver.variables();
        MPConstraint[] constraints = solver.constraints();
        MPObjective objective = solver.objective();
        StringBuilder out = new StringBuilder();
        double sense = objective.maximization() ? -1 : 1;
        out.append("* Parley deal model; ");
        out.append(objective.maximization()
                ? "a maximisation, written as the minimisation of the negated objective\n"
                : "a minimisation\n");
        out.append("NAME ").append(name).append(" FREE\n");
        out.append("ROWS\n N  ").append(OBJECTIVE).append('\n');
        for (MPConstraint c : constraints) {
            if (free(c)) continue;
            out.append(' ').append(rowType(c)).append("  ").append(c.name()).append('\n');
        }
        out.append("COLUMNS\n");
        boolean integers = false;
        for (MPVariable v : variables) {
            boolean isInteger = integer.contains(v.index());
            if (isInteger != integers) {
                out.append("    MARKER  'MARKER'  ").append(isInteger ? "'INTORG'" : "'INTEND'").append('\n');
                integers = isInteger;
            }
            double c = objective.getCoefficient(v);
            if (c != 0) entry(out, v.name(), OBJECTIVE, sense * c);
            for (MPConstraint row : constraints) {
                double a = row.getCoefficient(v);
                if (a != 0 && !free(row)) entry(out, v.name(), row.name(), a);
            }
        }
        if (integers) out.append("    MARKER  'MARKER'  'INTEND'\n");
        if (objective.offset() != 0) entry(out, CONSTANT, OBJECTIVE, sense * objective.offset());
        out.append("RHS\n");
        for (MPConstraint c : constraints) {
            if (free(c)) continue;
            double rhs = rowType(c).equals("L") ? c.ub() : c.lb();
            if (rhs != 0) entry(out, "RHS", c.name(), rhs);
        }
        StringBuilder ranges = new StringBuilder();
        for (MPConstraint c : constraints) {
            if (!free(c) && Double.isFinite(c.lb()) && Double.isFinite(c.ub()) && c.lb() != c.ub()) {
                entry(ranges, "RNG", c.name(), c.ub() - c.lb());
            }
        }
        if (ranges.length() > 0) out.append("RANGES\n").append(ranges);
        out.append("BOUNDS\n");
        for (MPVariable v : variables) {
            double lb = v.lb();
            double ub = v.ub();
            if (lb == ub) {
                bound(out, "FX", v.name(), lb);
                continue;
            }
            if (Double.isInfinite(lb) && Double.isInfinite(ub)) {
                out.append(" FR BND ").append(v.name()).append('\n');
                continue;
            }
            if (Double.isInfinite(lb)) out.append(" MI BND ").append(v.name()).append('\n');
            else bound(out, "LO", v.name(), lb);
            if (Double.isFinite(ub)) bound(out, "UP", v.name(), ub);
            else if (integer.contains(v.index())) out.append(" PL BND ").append(v.name()).append('\n');
        }
        if (objective.offset() != 0) bound(out, "FX", CONSTANT, 1);
        out.append("ENDATA\n");
        return out.toString();
    }

    private static boolean free(MPConstraint c) {
        return Double.isInfinite(c.lb()) && Double.isInfinite(c.ub());
    }

    /** E for equalities, L for ≤, G for ≥ and for ranged rows (with a RANGES entry). */
    private static String rowType(MPConstraint c) {
        if (c.lb() == c.ub()) return "E";
        if (Double.isInfinite(c.lb())) return "L";
        return "G";
    }

    private static void entry(StringBuilder out, String column, String row, double value) {
        out.append("    ").append(column).append("  ").append(row).append("  ").append(number(value)).append('\n');
    }

    private static void bound(StringBuilder out, String type, String column, double value) {
        out.append(' ').append(type).append(" BND ").append(column).append("  ").append(number(value)).append('\n');
    }

    /** Shortest text that reads back to the same double. */
    private static String number(double v) {
        return Double.toString(v);
    }
}
