package io.parley.analysis;

import io.parley.engine.CompiledScenario;
import io.parley.model.Lever;

/**
 * The range a lever can take under the model's rules, used as the search bounds of goal seek and
 * break-even when a request gives none. Open-ended fields get a wide but finite range around the
 * scenario's own value.
 */
public record LeverDomain(double lower, double upper) {

    /** Largest value searched for a share that must stay below 1 (a discount, a rebate rate). */
    static final double ALMOST_ONE = 0.999999;
    /** Lowest value searched for a rate that must stay above −1. */
    static final double ALMOST_MINUS_ONE = -0.999999;
    /** How far an open-ended amount (a price, a volume) is searched: this many times its current value. */
    static final double OPEN_ENDED_FACTOR = 10;

    public static LeverDomain of(CompiledScenario compiled, BoundLever bound) {
        Lever lever = bound.lever();
        if (lever instanceof Lever.OfTier l && l.field() == Lever.TierField.threshold) {
            // thresholds stay strictly between their neighbours
            var terms = l.side() == Lever.Side.TERMS ? compiled.scenario().terms() : compiled.scenario().baseline();
            var tiers = terms.rebate().tiers();
            double below = l.tier() == 0 ? 0 : Math.nextUp(tiers.get(l.tier() - 1).threshold());
            double above = l.tier() + 1 < tiers.size() ? Math.nextDown(tiers.get(l.tier() + 1).threshold())
                    : Math.max(OPEN_ENDED_FACTOR * Math.abs(bound.baseValue()), 1);
            return new LeverDomain(below, above);
        }
        double openUpper = Math.max(OPEN_ENDED_FACTOR * Math.abs(bound.baseValue()), 1);
        if (lever instanceof Lever.Discount) {
            return new LeverDomain(0, ALMOST_ONE);
        }
        if (lever instanceof Lever.OfTier l) {
            return l.field() == Lever.TierField.rate ? new LeverDomain(0, ALMOST_ONE) : new LeverDomain(0, openUpper);
        }
        if (lever instanceof Lever.OfTerms l) {
            return switch (l.field()) {
                case paymentDays -> new LeverDomain(0, 365);
                case renewalProbability -> new LeverDomain(0, 1);
                case contractYears -> new LeverDomain(1, bound.baseValue());
                case upfrontInvestment -> new LeverDomain(0, openUpper);
            };
        }
        if (lever instanceof Lever.OfProduct l) {
            return switch (l.field()) {
                case baseVolume, listPrice, unitCost -> new LeverDomain(0, openUpper);
                case volumeGrowth, priceEscalator, costInflation -> new LeverDomain(ALMOST_MINUS_ONE, Math.max(1, openUpper));
            };
        }
        if (lever instanceof Lever.OfScenario l) {
            return switch (l.field()) {
                case COST_TO_SERVE_FIXED -> new LeverDomain(0, openUpper);
                default -> new LeverDomain(ALMOST_MINUS_ONE, Math.max(1, openUpper));
            };
        }
        return new LeverDomain(0, openUpper); // services' cost and value
    }
}
