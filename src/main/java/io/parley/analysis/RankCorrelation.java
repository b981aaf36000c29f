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
            p.add("the matrix has " + spearman.length + " rows; it needs one per uncertain lever of the request (" + levers
                    + "); a lever drawn per year is one row, its years tied by its own correlation");
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
        List<Draw> draws = new ArrayList<>();
        for (int i = 0; i < levers; i++) draws.add(Draw.once(i));
        for (YearChain c : chains) {
            // a chain's years are one requested lever, named by its first
            for (int y = 0; y < c.length(); y++) draws.set(c.first() + y, new Draw(c.first(), 1 + y, c.correlation()));
        }
        return of(null, draws);
    }

    /**
     * One uncertain lever of a run as the copula sees it: the request's lever it is drawn for
     * ({@code requested}, the row of the request's matrix), the contract year it is drawn for, and the
     * lever's year-to-year correlation ρ in normal scores. A lever drawn once for the whole horizon is
     * year 1 with ρ = 1 (its score is the same in every year); a rate drawn per year has ρ in [0, 1).
     */
    public record Draw(int requested, int year, double yearToYear) {

        public Draw {
            if (requested < 0 || year < 1 || !(yearToYear >= 0 && yearToYear <= 1)) {
                throw new IllegalArgumentException("a draw of lever " + requested + " in year " + year + " with ρ " + yearToYear);
            }
        }

        /** A lever drawn once, used in every year. */
        public static Draw once(int requested) {
            return new Draw(requested, 1, 1);
        }
    }

    /**
     * The copula of levers correlated within a year by the request's Spearman matrix (one row per requested
     * lever) whose rates drawn per year also follow their AR(1) chains. Every requested lever a has a normal
     * score in every contract year, z_{a,1} = ε_{a,1} and z_{a,y} = ρ_a z_{a,y−1} + √(1 − ρ_a²) ε_{a,y}, where
     * the innovations of one year are correlated by the matrix's normal form R (2 sin(π ρs / 6)) and those of
     * different years are independent; a lever drawn once has ρ = 1, one score for all years. So
     * Cov(z_{a,y}, z_{b,s}) = R_ab (ρ_a^{y−1} ρ_b^{s−1} + √((1 − ρ_a²)(1 − ρ_b²)) Σ_{t=2}^{min(y,s)} ρ_a^{y−t} ρ_b^{s−t}):
     * the matrix holds between the levers in year 1, and in every year between rates with one ρ; a lever
     * drawn once and year y of a rate correlate R_ab ρ^{y−1}; the years of one rate keep ρ^|y − s|. This is a
     * covariance of linear forms of independent blocks, so it is positive definite whenever the matrix is
     * (a rate's year-1 score, drawn for an escalator that starts in year 2, is simply not used).
     * With no matrix (null) R is the identity: the plain year-to-year chains. Null when nothing is correlated.
     */
    public static RankCorrelation of(double[][] spearman, List<Draw> draws) {
        if (spearman == null && draws.stream().allMatch(d -> d.yearToYear() == 0 || d.yearToYear() == 1)) return null;
        int n = draws.size();
        double[][] normal = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                Draw a = draws.get(i), b = draws.get(j);
                double r = a.requested() == b.requested() ? 1
                        : spearman == null ? 0 : 2 * Math.sin(Math.PI * spearman[a.requested()][b.requested()] / 6);
                normal[i][j] = i == j ? 1 : r * scoreCovariance(a, b);
            }
        }
        return ofNormal(normal);
    }

    /** Cov(z_{a,y}, z_{b,s}) / R_ab: the share of the two scores' innovations they hold in common. */
    static double scoreCovariance(Draw a, Draw b) {
        double ra = a.yearToYear(), rb = b.yearToYear();
        // the year-1 innovation reaches year y through ρ^{y−1}
        double common = Math.pow(ra, a.year() - 1) * Math.pow(rb, b.year() - 1);
        double weight = Math.sqrt((1 - ra * ra) * (1 - rb * rb));
        // year t's innovation enters with √(1 − ρ²) and fades by ρ^{y−t}
        for (int t = 2; t <= Math.min(a.year(), b.year()); t++) {
            common += weight * Math.pow(ra, a.year() - t) * Math.pow(rb, b.year() - t);
        }
        return common;
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
