package io.parley.model;

import java.util.List;

/** A volume rebate schedule: tiers with strictly ascending thresholds, paid per contract year. */
public record Rebate(RebateBasis basis, List<RebateTier> tiers) {

    /** No rebate at all. */
    public static final Rebate NONE = new Rebate(RebateBasis.RETROACTIVE, List.of());

    public Rebate {
        if (basis == null) throw new IllegalArgumentException("rebate basis is required");
        tiers = List.copyOf(tiers);
    }

    /** Rebate for a contract year's net spend {@code spend}, as the model spec defines it. */
    public double rebateOn(double spend) {
        double[] flat = new double[2 * tiers.size()];
        for (int k = 0; k < tiers.size(); k++) {
            flat[2 * k] = tiers.get(k).threshold();
            flat[2 * k + 1] = tiers.get(k).rate();
        }
        return RebateSchedule.rebate(basis, flat, 0, tiers.size(), spend);
    }
}
