package io.parley.analysis;

import java.util.ArrayList;
import java.util.List;

import org.hipparchus.linear.CholeskyDecomposition;
import org.hipparchus.linear.MatrixUtils;
import org.hipparchus.linear.RealMatrix;

/**
 * Rank correlation between uncertain levers through a Gaussian copula: the target Spearman
 * correlations ρs become normal correlations 2 sin(π ρs / 6), whose Cholesky factor mixes
 * independent normal scores; each lever keeps its own distribution, and the ranks follow the matrix.
 */
public final class RankCorrelation {

    /** Off-diagonal asymmetry and diagonal deviation tolerated in a correlation matrix. */
    static final double SYMMETRY_TOLERANCE = 1e-9;

    private final double[][] cholesky;

    private RankCorrelation(double[][] cholesky) {
        this.cholesky = cholesky;
    }

    /** The problems that keep a matrix from being a rank-correlation matrix; empty when it is one. */
    public static List<String> problems(double[][] spearman, int levers) {
        List<String> p = new ArrayList<>();
        if (spearman.length != levers) {
            p.add("the matrix has " + spearman.length + " rows; it needs one per uncertain lever (" + levers + ")");
            return p;
        }
        for (int i = 0; i < levers; i++) {
            if (spearman[i].length != levers) {
                p.add("row " + i + " has " + spearman[i].length + " entries; it needs " + levers);
                return p;
            }
        }
        for (int i = 0; i < levers; i++) {
            if (Math.abs(spearman[i][i] - 1) > SYMMETRY_TOLERANCE) p.add("entry [" + i + "][" + i + "] is " + spearman[i][i] + "; the diagonal must be 1");
            for (int j = 0; j < levers; j++) {
                if (!(Math.abs(spearman[i][j]) <= 1)) p.add("entry [" + i + "][" + j + "] is " + spearman[i][j] + "; correlations lie in [−1, 1]");
                if (Math.abs(spearman[i][j] - spearman[j][i]) > SYMMETRY_TOLERANCE) {
                    p.add("entries [" + i + "][" + j + "] and [" + j + "][" + i + "] differ; the matrix must be symmetric");
                }
            }
        }
        if (p.isEmpty() && of(spearman) == null) {
            p.add("the matrix is not positive definite: these correlations cannot hold together "
                    + "(e.g. a with b and b with c strongly positive, a with c strongly negative)");
        }
        return p;
    }

    /** The copula of a valid matrix, or null when it is not positive definite. */
    public static RankCorrelation of(double[][] spearman) {
        int n = spearman.length;
        double[][] normal = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) normal[i][j] = i == j ? 1 : 2 * Math.sin(Math.PI * spearman[i][j] / 6);
        }
        return ofNormal(normal);
    }

    /**
     * The copula of {@code levers} levers whose only ties are the year-to-year chains of rates drawn per
     * contract year: normal correlation ρ^|i − j| between years i and j of a chain, none elsewhere. Its
     * Cholesky factor is the AR(1) recursion itself (row y: ρ^y, then √(1 − ρ²) ρ^(y − k) for k = 1…y),
     * so z_y = ρ z_{y−1} + √(1 − ρ²) ε_y. Null when no chain correlates its years (ρ = 0 throughout).
     */
    public static RankCorrelation yearToYear(int levers, List<YearChain> chains) {
        if (chains.stream().allMatch(c -> c.correlation() == 0)) return null;
        double[][] normal = new double[levers][levers];
        for (int i = 0; i < levers; i++) normal[i][i] = 1;
        for (YearChain c : chains) {
            for (int i = 0; i < c.length(); i++) {
                for (int j = 0; j < c.length(); j++) normal[c.first() + i][c.first() + j] = c.between(i, j);
            }
        }
        return ofNormal(normal);
    }

    private static RankCorrelation ofNormal(double[][] normal) {
        try {
            RealMatrix m = MatrixUtils.createRealMatrix(normal);
            return new RankCorrelation(new CholeskyDecomposition(m, 1e-10, 1e-12).getL().getData());
        } catch (RuntimeException notPositiveDefinite) {
            return null;
        }
    }

    /** Mixes one sample's independent uniforms into correlated ones, in place. */
    void correlate(double[] u, double[] scratch) {
        int n = u.length;
        for (int i = 0; i < n; i++) scratch[i] = NormalQuantile.of(u[i]);
        for (int i = n - 1; i >= 0; i--) {
            double z = 0;
            for (int j = 0; j <= i; j++) z += cholesky[i][j] * scratch[j];
            u[i] = Math.min(1 - Sampling.EDGE, Math.max(Sampling.EDGE, Distribution.STANDARD.cumulativeProbability(z)));
        }
    }
}
