package io.parley.analysis;

import io.parley.engine.CompiledScenario;
import io.parley.model.Lever;
import io.parley.model.ScenarioValidator;

/**
 * The range a lever can take under the model's rules. {@link #allowed} is the model's own range
 * (infinite where the model sets no bound: a price, a volume); it holds a relative move (a tornado's
 * swing, a spider's change) that would go past it, such as a renewal chance of 0.85 moved up 20 %.
 * {@link #of} is the range goal seek and break-even search when a request gives none: the model's
 * range, with a wide but finite end around the scenario's own value where the model sets none.
 */
public record LeverDomain(double lower, double upper) {

    /** Largest value allowed for a share that must stay below 1 (a discount, a rebate rate). */
    static final double ALMOST_ONE = 0.999999;
    /** Lowest value allowed for a rate that must stay above −1. */
    static final double ALMOST_MINUS_ONE = -0.999999;
    /** How far an open-ended amount (a price, a volume) is searched: this many times its current value. */
    static final double OPEN_ENDED_FACTOR = 10;

    /** The range searched by goal seek and break-even: {@link #allowed}, with its open ends made finite. */
    public static LeverDomain of(CompiledScenario compiled, BoundLever bound) {
        if (bound.lever() instanceof Lever.OfTerms l && l.field() == Lever.TermsField.contractYears) {
            return new LeverDomain(1, bound.baseValue()); // whole years, at most as many as the scenario models
        }
        LeverDomain allowed = allowed(compiled, bound);
        double openUpper = Math.max(OPEN_ENDED_FACTOR * Math.abs(bound.baseValue()), 1);
        if (allowed.upper() != Double.POSITIVE_INFINITY) return allowed;
        // a rate (bounded below by −1) is searched up to at least +100 %
        return new LeverDomain(allowed.lower(), allowed.lower() < 0 ? Math.max(1, openUpper) : openUpper);
    }

    /**
     * The values the model allows for this lever, as a closed range: bounds the model states as
     * strict (a discount below 1, a growth rate above −1, a tier threshold between its neighbours)
     * are brought inside by the smallest step that is meaningful for the field.
     */
    public static LeverDomain allowed(CompiledScenario compiled, BoundLever bound) {
        // a year's rate has the range of the scenario's rate
        Lever lever = bound.lever() instanceof Lever.PerYear y ? y.scenarioRate() : bound.lever();
        double open = Double.POSITIVE_INFINITY;
        if (lever instanceof Lever.OfTier l && l.field() == Lever.TierField.threshold) {
            // thresholds stay strictly between their neighbours
            var terms = l.side() == Lever.Side.TERMS ? compiled.scenario().terms() : compiled.scenario().baseline();
            var tiers = terms.rebate().tiers();
            double below = l.tier() == 0 ? 0 : Math.nextUp(tiers.get(l.tier() - 1).threshold());
            double above = l.tier() + 1 < tiers.size() ? Math.nextDown(tiers.get(l.tier() + 1).threshold()) : open;
            return new LeverDomain(below, above);
        }
        if (lever instanceof Lever.Discount) {
            return new LeverDomain(0, ALMOST_ONE);
        }
        if (lever instanceof Lever.OfTier l) {
            return l.field() == Lever.TierField.rate ? new LeverDomain(0, ALMOST_ONE) : new LeverDomain(0, open);
        }
        if (lever instanceof Lever.OfTerms l) {
            return switch (l.field()) {
                case paymentDays -> new LeverDomain(0, ScenarioValidator.MAX_PAYMENT_DAYS);
                case renewalProbability -> new LeverDomain(0, 1);
                case contractYears -> new LeverDomain(1, Math.max(1, compiled.scenario().horizon().years()));
                case upfrontInvestment -> new LeverDomain(0, open);
            };
        }
        if (lever instanceof Lever.OfProduct l) {
            return switch (l.field()) {
                case baseVolume, listPrice, unitCost -> new LeverDomain(0, open);
                case volumeGrowth, priceEscalator, costInflation -> new LeverDomain(ALMOST_MINUS_ONE, open);
            };
        }
        if (lever instanceof Lever.OfScenario l) {
            return switch (l.field()) {
                case COST_TO_SERVE_FIXED -> new LeverDomain(0, open);
                default -> new LeverDomain(ALMOST_MINUS_ONE, open);
            };
        }
        return new LeverDomain(0, open); // services' cost and value
    }

    /** {@code value} held inside this range: the nearer bound when it lies outside. */
    public double hold(double value) {
        return Math.max(lower, Math.min(upper, value));
    }
}
