package io.parley.plan;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.ToDoubleFunction;

import io.parley.engine.Line;
import io.parley.engine.Report;

/**
 * Plan versus actual: each uploaded period against the same period of the agreed scenario, summed
 * per contract year and year to date over the periods that have actuals (so the comparison is like
 * for like), and the largest period variances first. The margin compared is net revenue − rebate −
 * cost of goods − cost to serve: what the actuals carry (the plan's financing cost has no actual).
 */
public final class Variance {

    private Variance() {
    }

    /** The figures compared. */
    public enum Figure {
        NET_REVENUE("netRevenue", Actual::netRevenue, Line.NET_REVENUE),
        REBATE("rebate", Actual::rebate, Line.REBATE),
        COGS("cogs", Actual::cogs, Line.COGS),
        COST_TO_SERVE("costToServe", Actual::costToServe, Line.COST_TO_SERVE),
        MARGIN_AFTER_COST_TO_SERVE("marginAfterCostToServe",
                a -> a.netRevenue() - a.rebate() - a.cogs() - a.costToServe(), null);

        public final String apiName;
        final ToDoubleFunction<Actual> actual;
        final Line line;

        Figure(String apiName, ToDoubleFunction<Actual> actual, Line line) {
            this.apiName = apiName;
            this.actual = actual;
            this.line = line;
        }

        double planned(Report r, int t) {
            if (line != null) return r.period(line, t);
            return r.period(Line.NET_REVENUE, t) - r.period(Line.REBATE, t) - r.period(Line.COGS, t)
                    - r.period(Line.COST_TO_SERVE, t);
        }
    }

    /** Planned, actual, their difference (actual − planned) and it relative to planned (NaN when planned is 0). */
    public record Cell(Figure figure, double planned, double actual, double variance, double relative) {
        static Cell of(Figure f, double planned, double actual) {
            return new Cell(f, planned, actual, actual - planned, planned == 0 ? Double.NaN : (actual - planned) / Math.abs(planned));
        }
    }

    /** A period (1-based) and its contract year (1-based), or a year's sum (period 0). */
    public record Row(int period, int year, List<Cell> cells) {
    }

    public record Largest(int period, int year, Cell cell) {
    }

    public record Result(List<Row> periods, List<Row> years, Row yearToDate, List<Largest> largest) {
    }

    /** Periods beyond the scenario's horizon are left out (the caller reports them). */
    public static Result of(Report planned, int periodsPerYear, int periodCount, List<Actual> actuals, int largestCount) {
        List<Row> periods = new ArrayList<>();
        List<Largest> all = new ArrayList<>();
        double[][] yearPlanned = new double[periodCount / periodsPerYear + 1][Figure.values().length];
        double[][] yearActual = new double[yearPlanned.length][Figure.values().length];
        boolean[] yearSeen = new boolean[yearPlanned.length];
        double[] totalPlanned = new double[Figure.values().length];
        double[] totalActual = new double[Figure.values().length];
        for (Actual a : actuals) {
            if (a.period() < 1 || a.period() > periodCount) continue;
            int t = a.period() - 1;
            int year = t / periodsPerYear + 1;
            List<Cell> cells = new ArrayList<>();
            for (Figure f : Figure.values()) {
                double p = f.planned(planned, t);
                double x = f.actual.applyAsDouble(a);
                Cell c = Cell.of(f, p, x);
                cells.add(c);
                all.add(new Largest(a.period(), year, c));
                yearPlanned[year][f.ordinal()] += p;
                yearActual[year][f.ordinal()] += x;
                totalPlanned[f.ordinal()] += p;
                totalActual[f.ordinal()] += x;
            }
            yearSeen[year] = true;
            periods.add(new Row(a.period(), year, cells));
        }
        List<Row> years = new ArrayList<>();
        for (int y = 1; y < yearPlanned.length; y++) {
            if (yearSeen[y]) years.add(new Row(0, y, cells(yearPlanned[y], yearActual[y])));
        }
        all.sort(Comparator.comparingDouble((Largest l) -> Math.abs(l.cell().variance())).reversed());
        return new Result(periods, years, new Row(0, 0, cells(totalPlanned, totalActual)),
                List.copyOf(all.subList(0, Math.min(largestCount, all.size()))));
    }

    private static List<Cell> cells(double[] planned, double[] actual) {
        List<Cell> cells = new ArrayList<>();
        for (Figure f : Figure.values()) cells.add(Cell.of(f, planned[f.ordinal()], actual[f.ordinal()]));
        return cells;
    }
}
