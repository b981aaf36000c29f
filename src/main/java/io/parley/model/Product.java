package io.parley.model;

/**
 * A product or service line on the agreement.
 *
 * @param id             short key, {@code [A-Za-z0-9_-]{1,64}}
 * @param baseVolume     yearly rate of purchase at t = 0, units per year (≥ 0)
 * @param listPrice      list price per unit in contract year 1 (≥ 0)
 * @param unitCost       supplier's cost per unit at t = 0 (≥ 0)
 * @param volumeGrowth   annual volume growth g_v, compounding every period (> −1)
 * @param priceEscalator annual list-price increase g_p, applied at each contract anniversary (> −1)
 * @param costInflation  annual unit-cost inflation g_c, compounding every period (> −1)
 */
public record Product(String id, double baseVolume, double listPrice, double unitCost,
                      double volumeGrowth, double priceEscalator, double costInflation) {
}
