package io.parley.engine;

/**
 * Totals over the horizon per product line, in the scenario's product order, and each line's volume
 * per period (what plan-versus-actual compares uploaded volumes with).
 */
public final class ProductTable {

    private final int periods;
    final double[] volume;
    /** [product × periods + period] */
    private final double[] periodVolume;
    final double[] listRevenue;
    final double[] discount;
    final double[] netRevenue;
    final double[] rebate;
    final double[] cogs;
    final double[] grossMargin;

    ProductTable(int products, int periods) {
        this.periods = periods;
        periodVolume = new double[products * periods];
        volume = new double[products];
        listRevenue = new double[products];
        discount = new double[products];
        netRevenue = new double[products];
        rebate = new double[products];
        cogs = new double[products];
        grossMargin = new double[products];
    }

    void add(int l, int t, double v, double lr, double ds, double nr, double goods) {
        periodVolume[l * periods + t] = v;
        volume[l] += v;
        listRevenue[l] += lr;
        discount[l] += ds;
        netRevenue[l] += nr;
        cogs[l] += goods;
    }

    public int size() {
        return volume.length;
    }

    public double volume(int l) { return volume[l]; }

    /** Units of product line {@code l} in period {@code t} (0-based). */
    public double volume(int l, int t) { return periodVolume[l * periods + t]; }

    public double listRevenue(int l) { return listRevenue[l]; }

    public double discount(int l) { return discount[l]; }

    public double netRevenue(int l) { return netRevenue[l]; }

    public double rebate(int l) { return rebate[l]; }

    public double cogs(int l) { return cogs[l]; }

    public double grossMargin(int l) { return grossMargin[l]; }
}
