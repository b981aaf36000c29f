package io.parley.analysis;

import java.util.Optional;

import io.parley.model.Numbers;

/**
 * An uncertain rate drawn afresh for each of its contract years: the {@code length} uncertain levers from
 * index {@code first} of a run are the rate's years in order ({@code …volumeGrowth[year=1]}, {@code [year=2]}, …),
 * each drawn from the rate's distribution. Their normal scores follow an AR(1) chain,
 * z_y = ρ z_{y−1} + √(1 − ρ²) ε_y with independent standard normal ε, and each year's value is the law's
 * quantile of Φ(z_y): ρ = 0 draws the years independently, ρ near 1 makes a good year likely to follow a
 * good year. Each year keeps the rate's own distribution; the scores of years k apart correlate ρ^k.
 *
 * @param correlation ρ in [0, 1)
 */
public record YearChain(int first, int length, double correlation) {

    public YearChain {
        if (first < 0 || length < 1) throw new IllegalArgumentException("a chain of " + length + " years from " + first);
        problemWithCorrelation(correlation).ifPresent(problem -> {
            throw new IllegalArgumentException(problem);
        });
    }

    /** Why {@code rho} cannot be the year-to-year correlation, if it cannot. */
    public static Optional<String> problemWithCorrelation(double rho) {
        return rho >= 0 && rho < 1 ? Optional.empty()
                : Optional.of(Numbers.plain(rho) + " is not in [0, 1): 0 draws every year independently, 0.6 carries "
                + "60 % of one year's deviation (in normal scores) into the next; 1 would be one draw for every year, "
                + "a lever without perYear");
    }
}
