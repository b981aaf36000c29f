package io.parley.optimize;

import java.util.ArrayList;
import java.util.List;

import com.google.ortools.linearsolver.MPConstraint;
import com.google.ortools.linearsolver.MPSolver;
import com.google.ortools.linearsolver.MPVariable;

/**
 * The textbook ranging of an LP read from its optimal basis: how far a binding bound can move with
 * its shadow price unchanged, and how far an objective coefficient can move with the solution
 * unchanged. Exact to the arithmetic of one factorisation of the basis, with no re-solves (searching
 * by re-solves located the ends only to the solver's tolerances, 6e-6 relative off).
 *
 * <p>The LP is read in the form the solver keeps it: columns x with bounds, and per constraint a row
 * activity s = a·x with the constraint's bounds, so A x − s = 0. The basis is the m columns (of x and
 * s) the solver reports BASIC; every other column sits at the bound its status names. Internally the
 * objective is minimised (a maximisation's coefficients are negated).
 */
final class BasisRanging {

    /** |d| below this share of the direction's largest entry is rounding, not a change: 1e-11 is far above
     * double rounding after one factorisation and far below any coefficient a deal's model carries. */
    private static final double DROP = 1e-11;

    private final int rows;
    private final int variables;
    private final double[][] a;          // [row][variable]
    private final double[] cost;         // per column (variables, then rows): minimisation form
    private final double[] lower;
    private final double[] upper;
    private final MPSolver.BasisStatus[] status;
    private final int[] basic;           // column per basis position
    private final int[] positionOf;      // per column: basis position or −1
    private final Lu lu;
    private final double[] value;        // per column at the basic solution
    private final double[] reduced;      // per column: reduced cost, minimisation form
    private final double[] dual;         // per row: y = B^-T c_B, minimisation form

    private BasisRanging(double[][] a, double[] cost, double[] lower, double[] upper, MPSolver.BasisStatus[] status) {
        this.rows = a.length;
        this.variables = cost.length - rows;
        this.a = a;
        this.cost = cost;
        this.lower = lower;
        this.upper = upper;
        this.status = status;
        int columns = cost.length;
        this.positionOf = new int[columns];
        this.basic = new int[rows];
        int count = 0;
        for (int j = 0; j < columns; j++) {
            positionOf[j] = -1;
            if (status[j] == MPSolver.BasisStatus.BASIC) {
                if (count == rows) throw new IllegalStateException("more basic columns than rows");
                positionOf[j] = count;
                basic[count++] = j;
            }
        }
        if (count != rows) throw new IllegalStateException(count + " basic columns for " + rows + " rows");
        double[][] b = new double[rows][rows];
        for (int p = 0; p < rows; p++) {
            double[] column = column(basic[p]);
            for (int i = 0; i < rows; i++) b[i][p] = column[i];
        }
        this.lu = new Lu(b);
        // B x_B = −N x_N, with every non-basic column at the bound its status names
        this.value = new double[columns];
        double[] rhs = new double[rows];
        for (int j = 0; j < columns; j++) {
            if (positionOf[j] >= 0) continue;
            value[j] = nonBasicValue(j);
            double[] column = column(j);
            for (int i = 0; i < rows; i++) rhs[i] -= column[i] * value[j];
        }
        double[] xB = lu.solve(rhs);
        for (int p = 0; p < rows; p++) value[basic[p]] = xB[p];
        // y = B^-T c_B, and d_j = c_j − y·a_j
        double[] cB = new double[rows];
        for (int p = 0; p < rows; p++) cB[p] = cost[basic[p]];
        this.dual = lu.solveTransposed(cB);
        this.reduced = new double[columns];
        for (int j = 0; j < columns; j++) reduced[j] = positionOf[j] >= 0 ? 0 : cost[j] - dot(dual, column(j));
    }

    /** Reads the LP and its basis from a solver that has just solved it to optimality. */
    static BasisRanging of(MPSolver solver) {
        MPVariable[] vars = solver.variables();
        MPConstraint[] cons = solver.constraints();
        int n = vars.length;
        int m = cons.length;
        double sense = solver.objective().maximization() ? -1 : 1;
        double[][] a = new double[m][n];
        double[] cost = new double[n + m];
        double[] lower = new double[n + m];
        double[] upper = new double[n + m];
        MPSolver.BasisStatus[] status = new MPSolver.BasisStatus[n + m];
        for (int j = 0; j < n; j++) {
            cost[j] = sense * solver.objective().getCoefficient(vars[j]);
            lower[j] = vars[j].lb();
            upper[j] = vars[j].ub();
            status[j] = vars[j].basisStatus();
        }
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) a[i][j] = cons[i].getCoefficient(vars[j]);
            lower[n + i] = cons[i].lb();
            upper[n + i] = cons[i].ub();
            status[n + i] = cons[i].basisStatus();
        }
        return new BasisRanging(a, cost, lower, upper, status);
    }

    /** Column j of [A | −I]. */
    private double[] column(int j) {
        double[] c = new double[rows];
        if (j < variables) {
            for (int i = 0; i < rows; i++) c[i] = a[i][j];
        } else {
            c[j - variables] = -1;
        }
        return c;
    }

    private double nonBasicValue(int j) {
        return switch (status[j]) {
            case AT_LOWER_BOUND, FIXED_VALUE -> lower[j];
            case AT_UPPER_BOUND -> upper[j];
            default -> Double.isFinite(lower[j]) ? lower[j] : Double.isFinite(upper[j]) ? upper[j] : 0;
        };
    }

    /**
     * How far constraint {@code row}'s bound that binds (or, for a slack rule, the bound nearer its
     * activity) can rise and fall, [increase, decrease], with the basis, and so the shadow price, unchanged.
     *
     * @param atMax whether the bound reported is the rule's upper one
     */
    double[] boundRange(int row, boolean atMax) {
        int j = variables + row;
        double ownBound = atMax ? upper[j] : lower[j];
        double otherBound = atMax ? lower[j] : upper[j];
        double[] out = new double[2];
        if (positionOf[j] >= 0) {
            // a slack rule: its bound moves freely until it meets the activity
            double activity = value[j];
            out[0] = ownBound < activity ? activity - ownBound : Double.POSITIVE_INFINITY;
            out[1] = ownBound > activity ? ownBound - activity : Double.POSITIVE_INFINITY;
            return out;
        }
        // moving s_r by δ moves the basic columns by δ B^-1 e_r (from B Δx_B = −(−e_r) δ)
        double[] unit = new double[rows];
        unit[row] = 1;
        double[] direction = lu.solve(unit);
        out[0] = step(direction, 1);
        out[1] = step(direction, -1);
        // a ranged rule's bound cannot pass its other bound
        if (Double.isFinite(otherBound) && otherBound != ownBound) {
            int towards = otherBound > ownBound ? 0 : 1;
            out[towards] = Math.min(out[towards], Math.abs(otherBound - ownBound));
        }
        return out;
    }

    /** Whether constraint {@code row} binds: its row activity is non-basic, at the bound its status names. */
    boolean binds(int row) {
        return positionOf[variables + row] < 0;
    }

    /**
     * How far the ratio bound c of a binding ratio rule can rise and fall, [increase, decrease] in the
     * ratio's own units, with this basis still optimal. The rule N(x) − c D(x) ≥ 0 (or ≤ 0) is row
     * {@code row}: a·x − s = 0 with s at its bound −(N₀ − c D₀). Moving c to c + t takes t·d off the
     * row's coefficients and moves s's bound by t·D₀ ({@code denominator} holds d per variable,
     * {@code denominatorConstant} D₀). Only one row of the basis changes, so (Sherman–Morrison) with
     * u = B⁻¹e_r, σ = d_B·u, the basic values are x_B(t) = (x_B + t g) / (1 − tσ), g = (ρ + d_B·x_B) u − σ x_B,
     * ρ = Σ_non-basic d_j x_j + D₀; the duals are y(t) = y + t y_r w / (1 − tσ), w = B⁻ᵀd_B, and a
     * non-basic reduced cost d_j(t) (1 − tσ) = d_j (1 − tσ) − t y_r (w·a_j − den_j). Every condition of
     * optimality is then linear in t once multiplied by 1 − tσ (which must stay positive: at 0 the basis
     * is singular), so the ends are exact, not searched.
     */
    double[] ratioRange(int row, double[] denominator, double denominatorConstant) {
        int own = variables + row;
        if (positionOf[own] >= 0) throw new IllegalArgumentException("row " + row + " does not bind");
        double[] unit = new double[rows];
        unit[row] = 1;
        double[] u = lu.solve(unit);
        double[] dB = new double[rows];
        for (int p = 0; p < rows; p++) dB[p] = basic[p] < variables ? denominator[basic[p]] : 0;
        double sigma = 0;
        double atBasis = 0;
        for (int p = 0; p < rows; p++) {
            sigma += dB[p] * u[p];
            atBasis += dB[p] * value[basic[p]];
        }
        double rho = denominatorConstant;
        for (int j = 0; j < variables; j++) if (positionOf[j] < 0) rho += denominator[j] * value[j];
        // conditions α + β t ≥ 0, α ≥ 0 at t = 0
        List<double[]> conditions = new ArrayList<>();
        conditions.add(new double[] {1, -sigma});                     // 1 − tσ > 0
        for (int p = 0; p < rows; p++) {
            int j = basic[p];
            double g = (rho + atBasis) * u[p] - sigma * value[j];
            // lower (1 − tσ) ≤ x_B + t g ≤ upper (1 − tσ)
            if (Double.isFinite(lower[j])) conditions.add(new double[] {value[j] - lower[j], g + lower[j] * sigma});
            if (Double.isFinite(upper[j])) conditions.add(new double[] {upper[j] - value[j], -g - upper[j] * sigma});
        }
        double[] w = lu.solveTransposed(dB);
        double yr = dual[row];
        for (int j = 0; j < cost.length; j++) {
            if (positionOf[j] >= 0 || status[j] == MPSolver.BasisStatus.FIXED_VALUE || status[j] == MPSolver.BasisStatus.FREE) {
                continue;
            }
            double den = j < variables ? denominator[j] : 0;
            double beta = -reduced[j] * sigma - yr * (dot(w, column(j)) - den);
            // at the lower bound d_j(t) ≥ 0, at the upper ≤ 0
            boolean atLower = status[j] == MPSolver.BasisStatus.AT_LOWER_BOUND;
            conditions.add(atLower ? new double[] {reduced[j], beta} : new double[] {-reduced[j], -beta});
        }
        double largest = 0;
        for (double[] c : conditions) largest = Math.max(largest, Math.abs(c[1]));
        double increase = Double.POSITIVE_INFINITY;
        double decrease = Double.POSITIVE_INFINITY;
        for (double[] c : conditions) {
            double alpha = Math.max(0, c[0]);
            double beta = c[1];
            if (Math.abs(beta) <= DROP * largest) continue;
            if (beta < 0) increase = Math.min(increase, alpha / -beta);
            else decrease = Math.min(decrease, alpha / beta);
        }
        return new double[] {increase, decrease};
    }

    /** The largest t ≥ 0 for which every basic column stays within its bounds after moving sign × t × direction. */
    private double step(double[] direction, double sign) {
        double largest = 0;
        for (double d : direction) largest = Math.max(largest, Math.abs(d));
        double t = Double.POSITIVE_INFINITY;
        for (int p = 0; p < rows; p++) {
            double d = sign * direction[p];
            if (Math.abs(d) <= DROP * largest) continue;
            int j = basic[p];
            double room = d > 0 ? upper[j] - value[j] : lower[j] - value[j];
            t = Math.min(t, Math.max(0, room / d));
        }
        return t;
    }

    /**
     * How far variable {@code k}'s objective coefficient (as the solver's objective states it) can rise
     * and fall, [increase, decrease], with the basis, and so the solution, unchanged.
     */
    double[] costRange(int k, boolean maximization) {
        double up;      // in minimisation form
        double down;
        if (positionOf[k] < 0) {
            // only its own reduced cost moves: at its lower bound it must stay ≥ 0, at its upper ≤ 0
            double d = reduced[k];
            switch (status[k]) {
                case AT_LOWER_BOUND -> {
                    up = Double.POSITIVE_INFINITY;
                    down = Math.max(0, d);
                }
                case AT_UPPER_BOUND -> {
                    up = Math.max(0, -d);
                    down = Double.POSITIVE_INFINITY;
                }
                case FIXED_VALUE -> {
                    up = Double.POSITIVE_INFINITY;
                    down = Double.POSITIVE_INFINITY;
                }
                default -> {
                    up = 0;
                    down = 0;
                }
            }
        } else {
            // a basic column: c_k + Δ changes every non-basic reduced cost d_j to d_j − Δ α_j, α_j = (B^-1 a_j)_p
            double[] unit = new double[rows];
            unit[positionOf[k]] = 1;
            double[] rowOfInverse = lu.solveTransposed(unit);
            up = Double.POSITIVE_INFINITY;
            down = Double.POSITIVE_INFINITY;
            double[] alpha = new double[cost.length];
            double largest = 0;
            for (int j = 0; j < cost.length; j++) {
                if (positionOf[j] >= 0 || status[j] == MPSolver.BasisStatus.FIXED_VALUE) continue;
                alpha[j] = dot(rowOfInverse, column(j));
                largest = Math.max(largest, Math.abs(alpha[j]));
            }
            for (int j = 0; j < cost.length; j++) {
                if (positionOf[j] >= 0 || status[j] == MPSolver.BasisStatus.FIXED_VALUE) continue;
                if (Math.abs(alpha[j]) <= DROP * largest) continue;
                double d = reduced[j];
                // at the lower bound d_j − Δα_j ≥ 0; at the upper d_j − Δα_j ≤ 0; a free column keeps d_j = 0
                boolean atLower = status[j] == MPSolver.BasisStatus.AT_LOWER_BOUND;
                boolean free = status[j] == MPSolver.BasisStatus.FREE;
                double limit = free ? 0 : Math.abs(d) / Math.abs(alpha[j]);
                boolean limitsIncrease = atLower == (alpha[j] > 0) || free;
                boolean limitsDecrease = atLower != (alpha[j] > 0) || free;
                if (limitsIncrease) up = Math.min(up, limit);
                if (limitsDecrease) down = Math.min(down, limit);
            }
        }
        // a maximisation's coefficient is the negated minimisation coefficient: its increase is our decrease
        return maximization ? new double[] {down, up} : new double[] {up, down};
    }

    private static double dot(double[] x, double[] y) {
        double s = 0;
        for (int i = 0; i < x.length; i++) s += x[i] * y[i];
        return s;
    }

    /** An LU factorisation with partial pivoting, P B = L U, solving B x = r and Bᵀ y = r. */
    private static final class Lu {
        private final double[][] lu;
        private final int[] perm;    // row i of LU is row perm[i] of B

        Lu(double[][] b) {
            int n = b.length;
            lu = new double[n][];
            for (int i = 0; i < n; i++) lu[i] = b[i].clone();
            perm = new int[n];
            for (int i = 0; i < n; i++) perm[i] = i;
            for (int k = 0; k < n; k++) {
                int pivot = k;
                for (int i = k + 1; i < n; i++) if (Math.abs(lu[i][k]) > Math.abs(lu[pivot][k])) pivot = i;
                if (lu[pivot][k] == 0) throw new IllegalStateException("the basis is singular");
                double[] row = lu[pivot];
                lu[pivot] = lu[k];
                lu[k] = row;
                int p = perm[pivot];
                perm[pivot] = perm[k];
                perm[k] = p;
                for (int i = k + 1; i < n; i++) {
                    double factor = lu[i][k] /= lu[k][k];
                    if (factor == 0) continue;
                    for (int c = k + 1; c < n; c++) lu[i][c] -= factor * lu[k][c];
                }
            }
        }

        /** B x = r: L z = P r, then U x = z. */
        double[] solve(double[] r) {
            int n = r.length;
            double[] x = new double[n];
            for (int i = 0; i < n; i++) {
                double s = r[perm[i]];
                for (int c = 0; c < i; c++) s -= lu[i][c] * x[c];
                x[i] = s;
            }
            for (int i = n - 1; i >= 0; i--) {
                double s = x[i];
                for (int c = i + 1; c < n; c++) s -= lu[i][c] * x[c];
                x[i] = s / lu[i][i];
            }
            return x;
        }

        /** Bᵀ y = r, with Bᵀ = Uᵀ Lᵀ P: Uᵀ z = r, Lᵀ w = z, y = Pᵀ w. */
        double[] solveTransposed(double[] r) {
            int n = r.length;
            double[] z = new double[n];
            for (int i = 0; i < n; i++) {
                double s = r[i];
                for (int c = 0; c < i; c++) s -= lu[c][i] * z[c];
                z[i] = s / lu[i][i];
            }
            for (int i = n - 1; i >= 0; i--) {
                double s = z[i];
                for (int c = i + 1; c < n; c++) s -= lu[c][i] * z[c];
                z[i] = s;
            }
            double[] y = new double[n];
            for (int i = 0; i < n; i++) y[perm[i]] = z[i];
            return y;
        }
    }
}
