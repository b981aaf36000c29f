package io.parley.model;

/** From an annual net spend of {@code threshold} (≥ 0) on, {@code rate} (in [0, 1)) applies. */
public record RebateTier(double threshold, double rate) {
}
