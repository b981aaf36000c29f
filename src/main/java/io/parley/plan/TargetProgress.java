package io.parley.plan;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import io.parley.engine.Report;

/**
 * The plan's yearly targets against what the account did, year to date. Revenue here is revenue
 * after rebates (net revenue − rebate), the margin is the margin after cost to serve, both as the
 * actuals carry them. A target is for a whole calendar year, so it is compared pro rata: over the
 * months the uploaded actuals cover ({@code targetToDate} = target × months / 12), beside the agreed
 * scenario over the same months. Periods straddling a new year count by their share of months
 * ({@link ContractCalendar#shareIn}).
 */
public final class TargetProgress {

    private TargetProgress() {
    }

    /** Revenue after rebates; {@code relative} is variance / targetToDate (NaN when that is 0). */
    public record Revenue(double target, double targetToDate, double plannedToDate, double actual, double variance,
                          double relative, double plannedForYear) {
    }

    /** Margin after cost to serve ÷ revenue after rebates; NaN where there is no target or no revenue. */
    public record Margin(double target, double plannedToDate, double actual, double variance) {
    }

    /**
     * @param monthsInAgreement the months of the year the agreed scenario's horizon covers
     * @param monthsWithActuals the months of the year the counted actuals cover
     */
    public record Year(int year, int monthsInAgreement, int monthsWithActuals, Revenue revenue, Margin marginPct) {
    }

    /**
     * One row per target, in the order given.
     *
     * @param periodCount the agreed scenario's periods; actuals beyond them are left out, as in {@link Variance}
     * @param asOf        when not null, only periods that ended on or before it count
     */
    public static List<Year> of(List<Target> targets, ContractCalendar calendar, Report planned, int periodCount,
                                List<Actual> actuals, LocalDate asOf) {
        List<Year> out = new ArrayList<>();
        for (Target target : targets) {
            int y = target.year();
            int monthsInAgreement = 0;
            double plannedForYear = 0;
            for (int period = 1; period <= periodCount; period++) {
                double share = calendar.shareIn(period, y);
                monthsInAgreement += calendar.monthsIn(period, y);
                plannedForYear += share * plannedRevenue(planned, period - 1);
            }
            int monthsWithActuals = 0;
            double actualRevenue = 0;
            double actualMargin = 0;
            double plannedRevenue = 0;
            double plannedMargin = 0;
            for (Actual a : actuals) {
                if (a.period() < 1 || a.period() > periodCount) continue;
                if (asOf != null && calendar.periodEnd(a.period()).isAfter(asOf)) continue;
                double share = calendar.shareIn(a.period(), y);
                if (share == 0) continue;
                int t = a.period() - 1;
                monthsWithActuals += calendar.monthsIn(a.period(), y);
                actualRevenue += share * (a.netRevenue() - a.rebate());
                actualMargin += share * (a.netRevenue() - a.rebate() - a.cogs() - a.costToServe());
                plannedRevenue += share * plannedRevenue(planned, t);
                plannedMargin += share * Variance.Figure.MARGIN_AFTER_COST_TO_SERVE.planned(planned, t);
            }
            double targetToDate = target.revenue() * monthsWithActuals / 12;
            double variance = actualRevenue - targetToDate;
            Revenue revenue = new Revenue(target.revenue(), targetToDate, plannedRevenue, actualRevenue, variance,
                    targetToDate == 0 ? Double.NaN : variance / targetToDate, plannedForYear);
            double actualPct = ratio(actualMargin, actualRevenue);
            Margin margin = new Margin(target.marginPct(), ratio(plannedMargin, plannedRevenue), actualPct,
                    actualPct - target.marginPct());
            out.add(new Year(y, monthsInAgreement, monthsWithActuals, revenue, margin));
        }
        return out;
    }

    private static double plannedRevenue(Report planned, int t) {
        return Variance.Figure.NET_REVENUE.planned(planned, t) - Variance.Figure.REBATE.planned(planned, t);
    }

    private static double ratio(double part, double whole) {
        return whole == 0 ? Double.NaN : part / whole;
    }
}
