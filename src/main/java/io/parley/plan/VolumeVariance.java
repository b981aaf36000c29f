package io.parley.plan;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.parley.engine.ProductTable;

/**
 * Units per product against the agreed scenario: each period where the actuals give a product's
 * volume, and the sum over those periods (like for like, as {@link Variance} does for money).
 * Products the actuals name but the scenario does not are listed apart, never dropped silently.
 */
public final class VolumeVariance {

    private VolumeVariance() {
    }

    /** Planned and actual units, actual − planned, and it relative to planned (NaN when planned is 0). */
    public record Cell(int period, double planned, double actual, double variance, double relative) {
        static Cell of(int period, double planned, double actual) {
            double variance = actual - planned;
            return new Cell(period, planned, actual, variance, planned == 0 ? Double.NaN : variance / Math.abs(planned));
        }
    }

    /** One product's periods with actual volumes, and their sum (period 0). */
    public record Product(String id, List<Cell> periods, Cell toDate) {
    }

    public record Result(List<Product> products, List<String> notInScenario) {
    }

    /** A period's uploaded units per product id. */
    public record Volumes(int period, Map<String, Double> units) {
    }

    /**
     * @param productIds  the agreed scenario's product ids, in its order (the rows of {@code planned})
     * @param periodCount the agreed scenario's periods; volumes beyond them are left out
     */
    public static Result of(ProductTable planned, List<String> productIds, int periodCount, List<Volumes> actuals) {
        List<Product> products = new ArrayList<>();
        for (int l = 0; l < productIds.size(); l++) {
            String id = productIds.get(l);
            List<Cell> cells = new ArrayList<>();
            double plannedSum = 0;
            double actualSum = 0;
            for (Volumes v : actuals) {
                Double units = v.units().get(id);
                if (units == null || v.period() < 1 || v.period() > periodCount) continue;
                double p = planned.volume(l, v.period() - 1);
                cells.add(Cell.of(v.period(), p, units));
                plannedSum += p;
                actualSum += units;
            }
            if (!cells.isEmpty()) products.add(new Product(id, cells, Cell.of(0, plannedSum, actualSum)));
        }
        Set<String> unknown = new LinkedHashSet<>();
        for (Volumes v : actuals) {
            for (String id : v.units().keySet()) {
                if (!productIds.contains(id)) unknown.add(id);
            }
        }
        return new Result(products, List.copyOf(unknown));
    }
}
