package io.parley.optimize;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.google.ortools.linearsolver.MPConstraint;
import com.google.ortools.linearsolver.MPObjective;
import com.google.ortools.linearsolver.MPSolver;
import com.google.ortools.linearsolver.MPVariable;

/**
 * The {@link AffineModel} written out for an OR-Tools solver: a variable per continuous decision, a
 * binary per option of each (compound) menu, and one linear constraint per rule of the deal. With
 * the menus fixed (the {@code fixed} choices) it is a plain LP, which is what the sensitivity report
 * is read from.
 */
final class SolverModel {

    final AffineModel model;
    final MPSolver solver;
    final MPVariable[] x;                 // per continuous decision
    final MPVariable[][] choose;          // [group][compound option]; null when fixed
    final MPConstraint[] rules;           // per problem constraint
    final int[] fixed;                    // per group: fixed compound option, or null
    private final Map<Quantity, Integer> quantityIndex = new HashMap<>();
    /** Indexes of the binary variables, for the MPS export. */
    final Set<Integer> integer = new HashSet<>();

    /** A linear expression over the solver's variables. */
    static final class Expression {
        double constant;
        final Map<MPVariable, Double> terms = new HashMap<>();

        void add(MPVariable v, double coefficient) {
            if (coefficient != 0) terms.merge(v, coefficient, Double::sum);
        }

        void add(Expression e, double coefficient) {
            constant += coefficient * e.constant;
            e.terms.forEach((v, c) -> add(v, c * coefficient));
        }
    }

    private final Expression[] quantity;  // per quantity
    private final Expression[] decision;  // per decision: its value

    SolverModel(AffineModel model, String backend, int[] fixed) {
        this.model = model;
        this.fixed = fixed;
        this.solver = MPSolver.createSolver(fixed != null || model.groups.isEmpty() ? "GLOP" : backend);
        if (solver == null) {
            throw new IllegalStateException("OR-Tools has no " + backend + " solver in this build");
        }
        List<Decision> decisions = model.problem.decisions();
        for (int q = 0; q < model.quantities.size(); q++) quantityIndex.put(model.quantities.get(q), q);
        x = new MPVariable[model.continuous.length];
        for (int k = 0; k < x.length; k++) {
            x[k] = solver.makeNumVar(model.lower[k], model.lower[k] + model.range[k], "x" + k);
        }
        quantity = new Expression[model.quantities.size()];
        decision = new Expression[decisions.size()];
        for (int q = 0; q < quantity.length; q++) {
            quantity[q] = new Expression();
            quantity[q].constant = model.base[q];
        }
        for (int k = 0; k < x.length; k++) {
            Expression value = new Expression();
            value.add(x[k], 1);
            decision[model.continuous[k]] = value;
            if (model.groupOf[k] >= 0) continue;
            for (int q = 0; q < quantity.length; q++) {
                // slope × (x − lower)
                quantity[q].add(x[k], model.slope[k][q]);
                quantity[q].constant -= model.slope[k][q] * model.lower[k];
            }
        }
        choose = new MPVariable[model.groups.size()][];
        for (int g = 0; g < model.groups.size(); g++) {
            AffineModel.Group group = model.groups.get(g);
            for (int m = 0; m < group.members.length; m++) decision[group.members[m]] = new Expression();
            if (fixed != null) {
                addOption(group, fixed[g], null);
                continue;
            }
            choose[g] = new MPVariable[group.options.length];
            MPConstraint one = solver.makeConstraint(1, 1, "g" + g + "_one");   // exactly one option: Σ b = 1
            MPConstraint[] share = new MPConstraint[group.attached.length];
            for (int a = 0; a < group.attached.length; a++) {
                int k = group.attached[a];
                // Σ_c y_c = x − lower
                share[a] = solver.makeConstraint(-model.lower[k], -model.lower[k], "g" + g + "_x" + k);
                share[a].setCoefficient(x[k], -1);
            }
            for (int c = 0; c < group.options.length; c++) {
                MPVariable b = solver.makeBoolVar("g" + g + "_o" + c);
                integer.add(b.index());
                choose[g][c] = b;
                one.setCoefficient(b, 1);
                MPVariable[] y = new MPVariable[group.attached.length];
                for (int a = 0; a < group.attached.length; a++) {
                    int k = group.attached[a];
                    y[a] = solver.makeNumVar(0, model.range[k], "g" + g + "_o" + c + "_x" + k);
                    share[a].setCoefficient(y[a], 1);
                    // y ≤ range × b: the option's share of the decision is zero unless it is chosen
                    MPConstraint link = solver.makeConstraint(-MPSolver.infinity(), 0, "g" + g + "_o" + c + "_x" + k + "_on");
                    link.setCoefficient(y[a], 1);
                    link.setCoefficient(b, -model.range[k]);
                }
                addOption(group, c, new MPVariable[] {b}, y);
            }
        }
        rules = new MPConstraint[model.problem.constraints().size()];
        for (int r = 0; r < rules.length; r++) {
            Constraint c = model.problem.constraints().get(r);
            Expression e = form(c.form());
            rules[r] = solver.makeConstraint(c.min() - e.constant, c.max() - e.constant, "c" + r);
            e.terms.forEach(rules[r]::setCoefficient);
        }
        Expression objective = form(model.problem.objective().form());
        MPObjective o = solver.objective();
        objective.terms.forEach(o::setCoefficient);
        o.setOffset(objective.constant);
        o.setOptimizationDirection(model.problem.objective().maximize());
    }

    private void addOption(AffineModel.Group group, int c, MPVariable[] binary) {
        addOption(group, c, binary, null);
    }

    /** Adds an option's effect: scaled by its binary, or as a constant when the option is fixed. */
    private void addOption(AffineModel.Group group, int c, MPVariable[] binary, MPVariable[] y) {
        List<Decision> decisions = model.problem.decisions();
        for (int q = 0; q < quantity.length; q++) {
            if (binary == null) quantity[q].constant += group.effect[c][q];
            else quantity[q].add(binary[0], group.effect[c][q]);
        }
        for (int m = 0; m < group.members.length; m++) {
            double option = ((Decision.Menu) decisions.get(group.members[m])).options()[group.options[c][m]];
            if (binary == null) decision[group.members[m]].constant += option;
            else decision[group.members[m]].add(binary[0], option);
        }
        for (int a = 0; a < group.attached.length; a++) {
            int k = group.attached[a];
            for (int q = 0; q < quantity.length; q++) {
                double s = group.slope[c][a][q];
                if (y == null) {
                    quantity[q].add(x[k], s);
                    quantity[q].constant -= s * model.lower[k];
                } else {
                    quantity[q].add(y[a], s);
                }
            }
        }
    }

    Expression form(LinearForm form) {
        Expression e = new Expression();
        form.quantities().forEach((q, coefficient) -> e.add(quantity[quantityIndex.get(q)], coefficient));
        form.decisions().forEach((d, coefficient) -> e.add(decision[d], coefficient));
        return e;
    }

    /** The menu choices of the solution (option index per decision; 0 for continuous ones). */
    int[] choices() {
        int[] choice = new int[model.problem.decisions().size()];
        for (int g = 0; g < model.groups.size(); g++) {
            AffineModel.Group group = model.groups.get(g);
            int c = fixed != null ? fixed[g] : chosen(g);
            for (int m = 0; m < group.members.length; m++) choice[group.members[m]] = group.options[c][m];
        }
        return choice;
    }

    /** The compound option chosen in group g. */
    int chosen(int g) {
        if (fixed != null) return fixed[g];
        int best = 0;
        for (int c = 1; c < choose[g].length; c++) {
            if (choose[g][c].solutionValue() > choose[g][best].solutionValue()) best = c;
        }
        return best;
    }

    /** Per group, the chosen compound option: to fix the menus for the sensitivity LP. */
    int[] chosenOptions() {
        int[] out = new int[model.groups.size()];
        for (int g = 0; g < out.length; g++) out[g] = chosen(g);
        return out;
    }

    double[] continuousValues() {
        double[] v = new double[x.length];
        for (int k = 0; k < v.length; k++) v[k] = x[k].solutionValue();
        return v;
    }
}
