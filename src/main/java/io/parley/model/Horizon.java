package io.parley.model;

/**
 * How long the model runs and how finely: {@code years} contract years of {@code periodsPerYear}
 * periods each (1 annual, 4 quarterly, 12 monthly).
 */
public record Horizon(int years, int periodsPerYear) {

    /** Number of periods n = years × periodsPerYear. */
    public int periods() {
        return years * periodsPerYear;
    }
}
