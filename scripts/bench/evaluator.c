/*
 * The C reference of Parley's evaluator (issue 17, row c of scripts/bench-table).
 *
 * A port of engine/Evaluator.evaluate: all 21 summary metrics of engine/Metric for a compiled scenario
 * without year slots, the same operations in the same order (built with -ffp-contract=off, as Java never
 * fuses a multiply and an add): in the example scenarios every figure is Java's to the last bit but the
 * revenue CAGR of a 4-year horizon (glibc's cbrt against Java's Math.cbrt, 4e-15 apart). Two variants, as
 * in the issue:
 *   plain   - evaluate(): one parameter vector a call, the scalar evaluator line by line;
 *   batch   - evaluate_batch(): many samples that differ in one slot of one product, the samples
 *             innermost (structure of arrays, LANES at a time): the per-product and rebate steps are loops
 *             over the lanes that gcc vectorises (see -fopt-info-vec), the profit and loss is written by
 *             hand with GCC's vector extension, VW lanes a vector with its running sums in registers; the
 *             products and account-wide rates that do not move are worked out once per batch, as
 *             engine/BatchEvaluator does.
 * Supported: any horizon and periods per year, any number of products, rebate tiers (retroactive or
 * incremental) and services, the customer's rate left out (follows the supplier's). Not supported, and
 * refused by the exporter or here (exit 2): year slots (a rate per contract year), any other layout of the
 * parameter vector, a metric list other than engine/Metric's 21; the batch moves one product slot only.
 * It reads what src/test/java/io/parley/bench/CReferenceExport writes (the shape, the parameter vector in
 * hexadecimal, Parley's metrics at several discounts), checks both variants against Parley's metrics to
 * 1e-9 relative, and only then times them. scripts/bench/c-reference builds and runs it.
 *
 *   evaluator [--perturb] MODEL [seconds-per-run=0.5] [runs=7]     (seconds 0: the check alone)
 * Exit 0: checked and timed; 1: a metric differs from Parley's; 2: bad input or a shape it does not know.
 * --perturb moves one of Parley's figures by 1e-8 of itself first, to show that the check refuses it.
 */
#define _POSIX_C_SOURCE 200809L
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

enum { METRICS = 21 };
/* engine/Metric's order */
enum { LIST_REVENUE, DISCOUNT, NET_REVENUE, REBATE, COGS, GROSS_MARGIN, COST_TO_SERVE, FINANCING_COST,
       CONTRIBUTION, CASH_FLOW, GROSS_MARGIN_PCT, CONTRIBUTION_MARGIN_PCT, MIN_YEAR_CONTRIBUTION_MARGIN_PCT,
       NPV, NPV_BASELINE, CONCESSION_COST, CUSTOMER_SAVINGS, CUSTOMER_NPV, VALUE_LEVERAGE, PAYBACK_PERIOD,
       REVENUE_CAGR };
/* engine/CompiledScenario's layout (CReferenceExport checks it against the Java side before writing) */
enum { SUPPLIER_COC, CUSTOMER_COC, CTS_FIXED, CTS_INFLATION, TERMS_PAYMENT_DAYS, CONTRACT_YEARS,
       RENEWAL_PROBABILITY, UPFRONT_INVESTMENT, BASELINE_PAYMENT_DAYS, PRODUCTS };
enum { BASE_VOLUME, LIST_PRICE, UNIT_COST, VOLUME_GROWTH, PRICE_ESCALATOR, COST_INFLATION, TERMS_DISCOUNT,
       BASELINE_DISCOUNT, PRODUCT_SLOTS };
enum { RETROACTIVE, INCREMENTAL };

#define DAYS_PER_YEAR 365.0
#define MAX_PERIODS 1200
#define MAX_PRODUCTS 256
#define MAX_PARAMETERS 4096
#define MAX_CHECKS 64
/* samples evaluated side by side in evaluate_batch: a multiple of any vector width */
#define LANES 64
#define BATCH 1024
#define TOLERANCE 1e-9

typedef struct {
    int years, ppy, periods, products;
    int terms_basis, baseline_basis, terms_tiers, baseline_tiers, terms_services, baseline_services;
    int terms_tier_base, baseline_tier_base, terms_service_base, baseline_service_base, parameter_count;
    int moving_slot;
    double p[MAX_PARAMETERS];
    int checks;
    double check_value[MAX_CHECKS];
    double expected[MAX_CHECKS][METRICS];
} Model;

/* ------------------------------------------------------------------------------------------------
 * The scalar evaluator: engine/Evaluator, line by line
 * ------------------------------------------------------------------------------------------------ */

typedef struct {
    const Model *m;
    double list_revenue[MAX_PERIODS], discount[MAX_PERIODS], net_revenue[MAX_PERIODS],
           baseline_net_revenue[MAX_PERIODS], cogs[MAX_PERIODS];
    double rebate_rate[MAX_PERIODS], baseline_rebate_rate[MAX_PERIODS];
    /* (1 + g)^(1/ppy), remembered per product while g stays the same */
    double volume_growth_seen[MAX_PRODUCTS], volume_step[MAX_PRODUCTS];
    double cost_inflation_seen[MAX_PRODUCTS], cost_step[MAX_PRODUCTS];
    double rate_seen[3], rate_step[3];
} Evaluator;

static double period_factor(int ppy, double annual_rate) {
    return ppy == 1 ? 1 + annual_rate : pow(1 + annual_rate, 1.0 / ppy);
}

static double remembered(int ppy, double rate, double *seen, double *step) {
    if (rate != *seen) {
        *seen = rate;
        *step = period_factor(ppy, rate);
    }
    return *step;
}

static void evaluator_init(Evaluator *e, const Model *m) {
    memset(e, 0, sizeof *e);
    e->m = m;
    for (int l = 0; l < MAX_PRODUCTS; l++) e->volume_growth_seen[l] = e->cost_inflation_seen[l] = NAN;
    for (int i = 0; i < 3; i++) e->rate_seen[i] = NAN;
}

/* model/RebateSchedule.rebate */
static double rebate(int basis, const double *tiers, int count, double spend) {
    if (count == 0 || spend <= 0) return 0;
    if (basis == RETROACTIVE) {
        double rate = 0;
        for (int k = 0; k < count && tiers[2 * k] <= spend; k++) rate = tiers[2 * k + 1];
        return rate * spend;
    }
    double r = 0;
    for (int k = 0; k < count; k++) {
        double from = tiers[2 * k];
        if (spend <= from) break;
        double to = k + 1 < count ? (spend <= tiers[2 * k + 2] ? spend : tiers[2 * k + 2]) : spend; /* Math.min */
        r += tiers[2 * k + 1] * (to - from);
    }
    return r;
}

static double customer_rate(const double *p) {
    return isnan(p[CUSTOMER_COC]) ? p[SUPPLIER_COC] : p[CUSTOMER_COC];
}

static double sum_pairs(const double *p, int base, int count, int member) {
    double sum = 0;
    for (int i = 0; i < count; i++) sum += p[base + 2 * i + member];
    return sum;
}

static double ratio(double numerator, double denominator) {
    return denominator == 0 ? NAN : numerator / denominator;
}

/* Evaluator.root: x^(1/n) */
static double root(double x, int n) {
    switch (n) {
        case 1: return x;
        case 2: return sqrt(x);
        case 3: return cbrt(x);
        case 4: return sqrt(sqrt(x));
        default: return pow(x, 1.0 / n);
    }
}

static void sum_products(Evaluator *e, const double *p) {
    const Model *m = e->m;
    int ppy = m->ppy;
    for (int t = 0; t < m->periods; t++) {
        e->list_revenue[t] = e->discount[t] = e->net_revenue[t] = e->baseline_net_revenue[t] = e->cogs[t] = 0;
    }
    for (int l = 0; l < m->products; l++) {
        int at = PRODUCTS + PRODUCT_SLOTS * l;
        double volume = p[at + BASE_VOLUME] / ppy;
        double price = p[at + LIST_PRICE];
        double unit_cost = p[at + UNIT_COST];
        double escalation = 1 + p[at + PRICE_ESCALATOR];
        double terms_discount = p[at + TERMS_DISCOUNT];
        double baseline_discount = p[at + BASELINE_DISCOUNT];
        double v_step = remembered(ppy, p[at + VOLUME_GROWTH], &e->volume_growth_seen[l], &e->volume_step[l]);
        double c_step = remembered(ppy, p[at + COST_INFLATION], &e->cost_inflation_seen[l], &e->cost_step[l]);
        int t = 0;
        for (int y = 0; y < m->years; y++) {
            for (int k = 0; k < ppy; k++, t++) {
                double lr = volume * price;
                double ds = lr * terms_discount;
                double nr = lr - ds;
                double goods = volume * unit_cost;
                e->list_revenue[t] += lr;
                e->discount[t] += ds;
                e->net_revenue[t] += nr;
                e->baseline_net_revenue[t] += lr - lr * baseline_discount;
                e->cogs[t] += goods;
                volume *= v_step;
                unit_cost *= c_step;
            }
            price *= escalation;
        }
    }
}

static void rebate_rates(Evaluator *e, const double *p) {
    const Model *m = e->m;
    int t = 0;
    for (int y = 0; y < m->years; y++) {
        double spend = 0, baseline_spend = 0;
        for (int k = 0; k < m->ppy; k++, t++) {
            spend += e->net_revenue[t];
            baseline_spend += e->baseline_net_revenue[t];
        }
        e->rebate_rate[y] = spend > 0
                ? rebate(m->terms_basis, p + m->terms_tier_base, m->terms_tiers, spend) / spend : 0;
        e->baseline_rebate_rate[y] = baseline_spend > 0
                ? rebate(m->baseline_basis, p + m->baseline_tier_base, m->baseline_tiers, baseline_spend) / baseline_spend : 0;
    }
}

static void profit_and_loss(Evaluator *e, const double *p, double *out) {
    const Model *m = e->m;
    int ppy = m->ppy, years = m->years;
    double rs = p[SUPPLIER_COC];
    double rc = customer_rate(p);
    double days = p[TERMS_PAYMENT_DAYS];
    double baseline_days = p[BASELINE_PAYMENT_DAYS];
    int term = (int) p[CONTRACT_YEARS];
    double renewal = p[RENEWAL_PROBABILITY];
    double investment = p[UPFRONT_INVESTMENT];

    double services_cost = sum_pairs(p, m->terms_service_base, m->terms_services, 0) / ppy;
    double baseline_services_cost = sum_pairs(p, m->baseline_service_base, m->baseline_services, 0) / ppy;
    double services_value = (sum_pairs(p, m->terms_service_base, m->terms_services, 1)
            - sum_pairs(p, m->baseline_service_base, m->baseline_services, 1)) / ppy;

    double finance_rate = days / DAYS_PER_YEAR * rs;
    double baseline_finance_rate = baseline_days / DAYS_PER_YEAR * rs;
    double payment_value_rate = days / DAYS_PER_YEAR * rc;
    double baseline_payment_value_rate = baseline_days / DAYS_PER_YEAR * rc;

    double fixed_cost = p[CTS_FIXED] / ppy;
    double fixed_cost_step = remembered(ppy, p[CTS_INFLATION], &e->rate_seen[0], &e->rate_step[0]);
    double supplier_discount_step = 1 / remembered(ppy, rs, &e->rate_seen[1], &e->rate_step[1]);
    double customer_discount_step = 1 / remembered(ppy, rc, &e->rate_seen[2], &e->rate_step[2]);
    double supplier_discount = supplier_discount_step;
    double customer_discount = customer_discount_step;
    double survival = 1;
    int years_left_in_term = term;

    double sum_lr = 0, sum_ds = 0, sum_nr = 0, sum_rb = 0, sum_cogs = 0, sum_cts = 0, sum_fc = 0, sum_cm = 0, sum_cf = 0;
    double npv = 0, npv_baseline = 0, savings = 0, customer_npv = 0;
    double running_cash_flow = 0;
    double payback = NAN;
    double min_year_margin = NAN;
    double first_year_nr = 0, last_year_nr = 0;

    int t = 0;
    for (int y = 0; y < years; y++) {
        if (years_left_in_term == 0) {
            survival *= renewal;
            years_left_in_term = term;
        }
        years_left_in_term--;
        double er = e->rebate_rate[y];
        double eb = e->baseline_rebate_rate[y];
        double year_nr = 0, year_rb = 0, year_cm = 0;
        for (int k = 0; k < ppy; k++, t++) {
            double nr = e->net_revenue[t];
            double nrb = e->baseline_net_revenue[t];
            double rb = nr * er;
            double rbb = nrb * eb;
            double gm = nr - rb - e->cogs[t];
            double cts = fixed_cost + services_cost;
            double fc = nr * finance_rate;
            double cm = gm - cts - fc;
            double baseline_cm = nrb - rbb - e->cogs[t] - (fixed_cost + baseline_services_cost)
                    - nrb * baseline_finance_rate;
            double inv = t == 0 ? investment : 0;
            double cf = cm - inv;
            double ecf = cm * survival - inv;
            double pv = ecf * supplier_discount;
            npv += pv;
            npv_baseline += (baseline_cm * survival - inv) * supplier_discount;

            double spend = nr - rb;
            double baseline_spend = nrb - rbb;
            double sv = baseline_spend - spend;
            double ptv = nr * payment_value_rate - nrb * baseline_payment_value_rate;
            double cv = sv + services_value + ptv;
            double cpv = cv * survival * customer_discount;
            savings += sv;
            customer_npv += cpv;

            sum_lr += e->list_revenue[t];
            sum_ds += e->discount[t];
            sum_nr += nr;
            sum_rb += rb;
            sum_cogs += e->cogs[t];
            sum_cts += cts;
            sum_fc += fc;
            sum_cm += cm;
            sum_cf += cf;
            year_nr += nr;
            year_rb += rb;
            year_cm += cm;
            running_cash_flow += cf;
            if (running_cash_flow >= 0 && isnan(payback)) payback = t + 1;
            fixed_cost *= fixed_cost_step;
            supplier_discount *= supplier_discount_step;
            customer_discount *= customer_discount_step;
        }
        double year_margin = ratio(year_cm, year_nr - year_rb);
        if (!isnan(year_margin) && (isnan(min_year_margin) || year_margin < min_year_margin)) {
            min_year_margin = year_margin;
        }
        if (y == 0) first_year_nr = year_nr;
        last_year_nr = year_nr;
    }

    double gm = sum_nr - sum_rb - sum_cogs;
    out[LIST_REVENUE] = sum_lr;
    out[DISCOUNT] = sum_ds;
    out[NET_REVENUE] = sum_nr;
    out[REBATE] = sum_rb;
    out[COGS] = sum_cogs;
    out[GROSS_MARGIN] = gm;
    out[COST_TO_SERVE] = sum_cts;
    out[FINANCING_COST] = sum_fc;
    out[CONTRIBUTION] = sum_cm;
    out[CASH_FLOW] = sum_cf;
    out[GROSS_MARGIN_PCT] = ratio(gm, sum_nr - sum_rb);
    out[CONTRIBUTION_MARGIN_PCT] = ratio(sum_cm, sum_nr - sum_rb);
    out[MIN_YEAR_CONTRIBUTION_MARGIN_PCT] = min_year_margin;
    out[NPV] = npv;
    out[NPV_BASELINE] = npv_baseline;
    double concession_cost = npv_baseline - npv;
    out[CONCESSION_COST] = concession_cost;
    out[CUSTOMER_SAVINGS] = savings;
    out[CUSTOMER_NPV] = customer_npv;
    out[VALUE_LEVERAGE] = concession_cost > 0 ? customer_npv / concession_cost : NAN;
    out[PAYBACK_PERIOD] = payback;
    out[REVENUE_CAGR] = years > 1 && first_year_nr != 0 ? root(last_year_nr / first_year_nr, years - 1) - 1 : NAN;
}

static void evaluate(Evaluator *e, const double *p, double *out) {
    sum_products(e, p);
    rebate_rates(e, p);
    profit_and_loss(e, p, out);
}

/* ------------------------------------------------------------------------------------------------
 * The batch evaluator: samples that differ in one slot of one product, LANES side by side
 * ------------------------------------------------------------------------------------------------ */

typedef struct {
    const Model *m;
    int product;      /* the product whose slot moves */
    int offset;       /* which of its slots */
    /* per period, the products that do not move (scalars; [product][period]) */
    double *fixed_lr, *fixed_ds, *fixed_nr, *fixed_bnr, *fixed_goods;
    /* per period, their sum over the products before the moving one, in product order */
    double *prefix_lr, *prefix_ds, *prefix_nr, *prefix_bnr, *prefix_goods;
    /* per period and lane: the sums over products (rows of LANES) */
    double (*lr)[LANES], (*ds)[LANES], (*nr)[LANES], (*bnr)[LANES], (*goods)[LANES];
    double (*rebate_rate)[LANES], (*baseline_rebate_rate)[LANES];
    /* account-wide, per period: the same in every lane */
    double *fixed_cost, *survival, *supplier_discount, *customer_discount, *investment;
} Batch;

static void *zalloc(size_t bytes) {
    void *p = aligned_alloc(64, (bytes + 63) / 64 * 64);
    if (!p) { fprintf(stderr, "evaluator: out of memory\n"); exit(2); }
    memset(p, 0, (bytes + 63) / 64 * 64);
    return p;
}

static void batch_init(Batch *b, const Model *m, int slot) {
    if (slot < PRODUCTS || slot >= PRODUCTS + PRODUCT_SLOTS * m->products) {
        fprintf(stderr, "evaluator: the batch moves one slot of one product; slot %d is not one\n", slot);
        exit(2);
    }
    b->product = (slot - PRODUCTS) / PRODUCT_SLOTS;
    b->offset = (slot - PRODUCTS) % PRODUCT_SLOTS;
    if (b->m == m) return;   /* the workspace of an earlier slot serves */
    b->m = m;
    size_t fixed = sizeof(double) * m->products * m->periods, rows = sizeof(double[LANES]) * m->periods;
    b->fixed_lr = zalloc(fixed); b->fixed_ds = zalloc(fixed); b->fixed_nr = zalloc(fixed);
    b->fixed_bnr = zalloc(fixed); b->fixed_goods = zalloc(fixed);
    size_t periods = sizeof(double) * m->periods;
    b->prefix_lr = zalloc(periods); b->prefix_ds = zalloc(periods); b->prefix_nr = zalloc(periods);
    b->prefix_bnr = zalloc(periods); b->prefix_goods = zalloc(periods);
    b->lr = zalloc(rows); b->ds = zalloc(rows); b->nr = zalloc(rows); b->bnr = zalloc(rows); b->goods = zalloc(rows);
    b->rebate_rate = zalloc(sizeof(double[LANES]) * m->years);
    b->baseline_rebate_rate = zalloc(sizeof(double[LANES]) * m->years);
    b->fixed_cost = zalloc(periods); b->survival = zalloc(periods); b->supplier_discount = zalloc(periods);
    b->customer_discount = zalloc(periods); b->investment = zalloc(periods);
}

/* one product's lines for one parameter vector, as sum_products computes them before adding */
static void product_lines(const Model *m, const double *p, int l, double *lr_out, double *ds_out, double *nr_out,
                          double *bnr_out, double *goods_out) {
    int ppy = m->ppy, at = PRODUCTS + PRODUCT_SLOTS * l;
    double volume = p[at + BASE_VOLUME] / ppy;
    double price = p[at + LIST_PRICE];
    double unit_cost = p[at + UNIT_COST];
    double escalation = 1 + p[at + PRICE_ESCALATOR];
    double terms_discount = p[at + TERMS_DISCOUNT];
    double baseline_discount = p[at + BASELINE_DISCOUNT];
    double v_step = period_factor(ppy, p[at + VOLUME_GROWTH]);
    double c_step = period_factor(ppy, p[at + COST_INFLATION]);
    int t = 0;
    for (int y = 0; y < m->years; y++) {
        for (int k = 0; k < ppy; k++, t++) {
            double lr = volume * price;
            double ds = lr * terms_discount;
            lr_out[t] = lr;
            ds_out[t] = ds;
            nr_out[t] = lr - ds;
            bnr_out[t] = lr - lr * baseline_discount;
            goods_out[t] = volume * unit_cost;
            volume *= v_step;
            unit_cost *= c_step;
        }
        price *= escalation;
    }
}

/*
 * The sums over products per period in every lane, sample i having the moving product's slot `offset` at
 * values[i]. Added in product order, as sum_products adds them: the products before the moving one are the
 * same in every lane (their running sum, b->prefix_*, is formed once per batch), then the moving product's
 * own lines, then each product after it.
 */
static void moving_product(Batch *b, const double *p, const double *values, int n) {
    const Model *m = b->m;
    int ppy = m->ppy, at = PRODUCTS + PRODUCT_SLOTS * b->product;
    double volume[LANES], price[LANES], unit_cost[LANES], escalation[LANES], td[LANES], bd[LANES], v_step[LANES], c_step[LANES];
    double slots[PRODUCT_SLOTS][LANES];
    for (int s = 0; s < PRODUCT_SLOTS; s++) {
        for (int i = 0; i < LANES; i++) slots[s][i] = s == b->offset ? values[i < n ? i : n - 1] : p[at + s];
    }
    for (int i = 0; i < LANES; i++) {
        volume[i] = slots[BASE_VOLUME][i] / ppy;
        price[i] = slots[LIST_PRICE][i];
        unit_cost[i] = slots[UNIT_COST][i];
        escalation[i] = 1 + slots[PRICE_ESCALATOR][i];
        td[i] = slots[TERMS_DISCOUNT][i];
        bd[i] = slots[BASELINE_DISCOUNT][i];
    }
    for (int i = 0; i < LANES; i++) {   /* pow is not vectorised; at one period a year it is 1 + g */
        v_step[i] = period_factor(ppy, slots[VOLUME_GROWTH][i]);
        c_step[i] = period_factor(ppy, slots[COST_INFLATION][i]);
    }
    int t = 0;
    for (int y = 0; y < m->years; y++) {
        for (int k = 0; k < ppy; k++, t++) {
            double *restrict lr = b->lr[t], *restrict ds = b->ds[t], *restrict nr = b->nr[t],
                   *restrict bnr = b->bnr[t], *restrict goods = b->goods[t];
            double pl = b->prefix_lr[t], pd = b->prefix_ds[t], pn = b->prefix_nr[t], pb = b->prefix_bnr[t], pg = b->prefix_goods[t];
            for (int i = 0; i < LANES; i++) {
                double x = volume[i] * price[i];
                double d = x * td[i];
                lr[i] = pl + x;
                ds[i] = pd + d;
                nr[i] = pn + (x - d);
                bnr[i] = pb + (x - x * bd[i]);
                goods[i] = pg + volume[i] * unit_cost[i];
                volume[i] *= v_step[i];
                unit_cost[i] *= c_step[i];
            }
            for (int l = b->product + 1; l < m->products; l++) {
                int f = l * m->periods + t;
                double xl = b->fixed_lr[f], xd = b->fixed_ds[f], xn = b->fixed_nr[f], xb = b->fixed_bnr[f], xg = b->fixed_goods[f];
                for (int i = 0; i < LANES; i++) {
                    lr[i] += xl; ds[i] += xd; nr[i] += xn; bnr[i] += xb; goods[i] += xg;
                }
            }
        }
        for (int i = 0; i < LANES; i++) price[i] *= escalation[i];
    }
}

/* RebateSchedule.rebate(...) / spend, or 0 when spend ≤ 0, in every lane without a branch */
static void rebate_rates_of(int basis, const double *tiers, int count, const double *restrict spend, double *restrict rate_out) {
    double rebate_sum[LANES], alive[LANES];
    for (int i = 0; i < LANES; i++) { rebate_sum[i] = 0; alive[i] = 1; }
    if (basis == RETROACTIVE) {
        double rate[LANES];
        for (int i = 0; i < LANES; i++) rate[i] = 0;
        for (int k = 0; k < count; k++) {
            double threshold = tiers[2 * k], r = tiers[2 * k + 1];
            for (int i = 0; i < LANES; i++) {   /* the highest tier reached before the first one not reached */
                alive[i] = (alive[i] != 0) & (threshold <= spend[i]) ? 1 : 0;
                rate[i] = alive[i] != 0 ? r : rate[i];
            }
        }
        for (int i = 0; i < LANES; i++) rebate_sum[i] = rate[i] * spend[i];
    } else {
        for (int k = 0; k < count; k++) {
            double from = tiers[2 * k], r = tiers[2 * k + 1];
            /* the last tier is open-ended: min(S, ∞) is S for every S it is applied to (a NaN S is never alive) */
            double next = k + 1 < count ? tiers[2 * k + 2] : INFINITY;
            for (int i = 0; i < LANES; i++) {
                alive[i] = (alive[i] != 0) & (spend[i] > from) ? 1 : 0;
                double to = spend[i] <= next ? spend[i] : next;   /* Math.min(S, threshold_{k+1}) */
                double with = rebate_sum[i] + r * (to - from);
                rebate_sum[i] = alive[i] != 0 ? with : rebate_sum[i];
            }
        }
    }
    for (int i = 0; i < LANES; i++) {
        double q = rebate_sum[i] / spend[i];   /* computed in every lane, kept where spend > 0 */
        rate_out[i] = spend[i] > 0 ? q : 0;
    }
}

static void batch_rebate_rates(Batch *b, const double *p) {
    const Model *m = b->m;
    int t = 0;
    for (int y = 0; y < m->years; y++) {
        double spend[LANES], baseline_spend[LANES];
        for (int i = 0; i < LANES; i++) spend[i] = baseline_spend[i] = 0;
        for (int k = 0; k < m->ppy; k++, t++) {
            for (int i = 0; i < LANES; i++) {
                spend[i] += b->nr[t][i];
                baseline_spend[i] += b->bnr[t][i];
            }
        }
        rebate_rates_of(m->terms_basis, p + m->terms_tier_base, m->terms_tiers, spend, b->rebate_rate[y]);
        rebate_rates_of(m->baseline_basis, p + m->baseline_tier_base, m->baseline_tiers, baseline_spend, b->baseline_rebate_rate[y]);
    }
}

/* The account-wide factors of each period, the same in every lane (profit_and_loss's running products). */
static void account_periods(Batch *b, const double *p) {
    const Model *m = b->m;
    int ppy = m->ppy, term = (int) p[CONTRACT_YEARS], years_left_in_term = term;
    double rs = p[SUPPLIER_COC], rc = customer_rate(p);
    double fixed_cost = p[CTS_FIXED] / ppy;
    double fixed_cost_step = period_factor(ppy, p[CTS_INFLATION]);
    double supplier_discount_step = 1 / period_factor(ppy, rs);
    double customer_discount_step = 1 / period_factor(ppy, rc);
    double supplier_discount = supplier_discount_step, customer_discount = customer_discount_step, survival = 1;
    int t = 0;
    for (int y = 0; y < m->years; y++) {
        if (years_left_in_term == 0) {
            survival *= p[RENEWAL_PROBABILITY];
            years_left_in_term = term;
        }
        years_left_in_term--;
        for (int k = 0; k < ppy; k++, t++) {
            b->fixed_cost[t] = fixed_cost;
            b->survival[t] = survival;
            b->supplier_discount[t] = supplier_discount;
            b->customer_discount[t] = customer_discount;
            b->investment[t] = t == 0 ? p[UPFRONT_INVESTMENT] : 0;
            fixed_cost *= fixed_cost_step;
            supplier_discount *= supplier_discount_step;
            customer_discount *= customer_discount_step;
        }
    }
}

/* VW lanes in one vector of GCC's vector extension (AVX-512: one register; AVX2: two) */
#define VW 8
typedef double vd __attribute__((vector_size(VW * sizeof(double))));
typedef long long vm __attribute__((vector_size(VW * sizeof(double))));

static inline vd splat(double x) { return (vd){0} + x; }
static inline vd load(const double *p) { vd v; memcpy(&v, p, sizeof v); return v; }
static inline void store(double *p, vd v) { memcpy(p, &v, sizeof v); }
/* mask ? a : b, lane by lane (a mask lane is all ones or all zeros, as comparisons give) */
static inline vd pick(vm mask, vd a, vd b) { return (vd) ((mask & (vm) a) | (~mask & (vm) b)); }

/*
 * profit_and_loss in VW lanes at a time, by hand: each tile of VW samples runs through every period with its
 * running sums in registers. The same operations in the same order as the scalar code, lane by lane.
 */
static void batch_profit_and_loss(Batch *b, const double *p, int n, int first, double out[METRICS][BATCH]) {
    const Model *m = b->m;
    int ppy = m->ppy, years = m->years;
    double rs = p[SUPPLIER_COC], rc = customer_rate(p);
    double days = p[TERMS_PAYMENT_DAYS], baseline_days = p[BASELINE_PAYMENT_DAYS];
    double services_cost = sum_pairs(p, m->terms_service_base, m->terms_services, 0) / ppy;
    double baseline_services_cost = sum_pairs(p, m->baseline_service_base, m->baseline_services, 0) / ppy;
    vd services_value = splat((sum_pairs(p, m->terms_service_base, m->terms_services, 1)
            - sum_pairs(p, m->baseline_service_base, m->baseline_services, 1)) / ppy);
    vd finance_rate = splat(days / DAYS_PER_YEAR * rs);
    vd baseline_finance_rate = splat(baseline_days / DAYS_PER_YEAR * rs);
    vd payment_value_rate = splat(days / DAYS_PER_YEAR * rc);
    vd baseline_payment_value_rate = splat(baseline_days / DAYS_PER_YEAR * rc);
    const vd zero = splat(0), nan = splat(NAN);
    double results[METRICS][LANES];

    for (int j = 0; j < LANES; j += VW) {
        vd sum_lr = zero, sum_ds = zero, sum_nr = zero, sum_rb = zero, sum_cogs = zero, sum_cts = zero, sum_fc = zero,
           sum_cm = zero, sum_cf = zero, npv = zero, npv_baseline = zero, savings = zero, customer_npv = zero,
           running = zero, payback = nan, min_margin = nan, first_nr = zero, last_nr = zero;
        int t = 0;
        for (int y = 0; y < years; y++) {
            vd year_nr = zero, year_rb = zero, year_cm = zero;
            vd er = load(b->rebate_rate[y] + j), eb = load(b->baseline_rebate_rate[y] + j);
            for (int k = 0; k < ppy; k++, t++) {
                vd nr = load(b->nr[t] + j), nrb = load(b->bnr[t] + j), cogs = load(b->goods[t] + j);
                vd survival = splat(b->survival[t]), inv = splat(b->investment[t]);
                vd supplier_discount = splat(b->supplier_discount[t]), customer_discount = splat(b->customer_discount[t]);
                vd cts = splat(b->fixed_cost[t] + services_cost);
                vd baseline_cts = splat(b->fixed_cost[t] + baseline_services_cost);
                vd rb = nr * er;
                vd rbb = nrb * eb;
                vd gm = nr - rb - cogs;
                vd fc = nr * finance_rate;
                vd cm = gm - cts - fc;
                vd baseline_cm = nrb - rbb - cogs - baseline_cts - nrb * baseline_finance_rate;
                vd cf = cm - inv;
                vd ecf = cm * survival - inv;
                npv += ecf * supplier_discount;
                npv_baseline += (baseline_cm * survival - inv) * supplier_discount;
                vd spend = nr - rb;
                vd baseline_spend = nrb - rbb;
                vd sv = baseline_spend - spend;
                vd ptv = nr * payment_value_rate - nrb * baseline_payment_value_rate;
                vd cv = sv + services_value + ptv;
                savings += sv;
                customer_npv += cv * survival * customer_discount;
                sum_lr += load(b->lr[t] + j);
                sum_ds += load(b->ds[t] + j);
                sum_nr += nr;
                sum_rb += rb;
                sum_cogs += cogs;
                sum_cts += cts;
                sum_fc += fc;
                sum_cm += cm;
                sum_cf += cf;
                year_nr += nr;
                year_rb += rb;
                year_cm += cm;
                running += cf;
                payback = pick((running >= zero) & (payback != payback), splat(t + 1), payback);
            }
            vd d = year_nr - year_rb;
            vd margin = pick(d == zero, nan, year_cm / d);
            /* a NaN margin (no revenue that year) is skipped */
            min_margin = pick((margin == margin) & ((min_margin != min_margin) | (margin < min_margin)), margin, min_margin);
            if (y == 0) first_nr = year_nr;
            last_nr = year_nr;
        }
        vd net_spend = sum_nr - sum_rb;
        vd gm = sum_nr - sum_rb - sum_cogs;
        vd concession_cost = npv_baseline - npv;
        vd all[METRICS] = {
            [LIST_REVENUE] = sum_lr, [DISCOUNT] = sum_ds, [NET_REVENUE] = sum_nr, [REBATE] = sum_rb, [COGS] = sum_cogs,
            [GROSS_MARGIN] = gm, [COST_TO_SERVE] = sum_cts, [FINANCING_COST] = sum_fc, [CONTRIBUTION] = sum_cm,
            [CASH_FLOW] = sum_cf,
            [GROSS_MARGIN_PCT] = pick(net_spend == zero, nan, gm / net_spend),
            [CONTRIBUTION_MARGIN_PCT] = pick(net_spend == zero, nan, sum_cm / net_spend),
            [MIN_YEAR_CONTRIBUTION_MARGIN_PCT] = min_margin, [NPV] = npv, [NPV_BASELINE] = npv_baseline,
            [CONCESSION_COST] = concession_cost, [CUSTOMER_SAVINGS] = savings, [CUSTOMER_NPV] = customer_npv,
            [VALUE_LEVERAGE] = pick(concession_cost > zero, customer_npv / concession_cost, nan),
            [PAYBACK_PERIOD] = payback, [REVENUE_CAGR] = last_nr / first_nr,
        };
        for (int k = 0; k < METRICS; k++) store(results[k] + j, all[k]);
        vd growth = all[REVENUE_CAGR];
        for (int i = 0; i < VW; i++) {   /* the root: a library call unless years - 1 is 1, 2 or 4 */
            results[REVENUE_CAGR][j + i] = years > 1 && first_nr[i] != 0 ? root(growth[i], years - 1) - 1 : NAN;
        }
    }
    int lanes = n - first < LANES ? n - first : LANES;
    for (int k = 0; k < METRICS; k++) memcpy(out[k] + first, results[k], sizeof(double) * lanes);
}

/*
 * All 21 metrics of n samples (n ≤ BATCH): sample s is p with the batch's slot set to values[s]; metric k of
 * sample s goes to out[k][s].
 */
static void evaluate_batch(Batch *b, const double *p, const double *values, int n, double out[METRICS][BATCH]) {
    const Model *m = b->m;
    for (int l = 0; l < m->products; l++) {   /* once per batch: the products that do not move */
        if (l == b->product) continue;
        int at = l * m->periods;
        product_lines(m, p, l, b->fixed_lr + at, b->fixed_ds + at, b->fixed_nr + at, b->fixed_bnr + at, b->fixed_goods + at);
    }
    for (int t = 0; t < m->periods; t++) {   /* the running sums of the products before the moving one */
        b->prefix_lr[t] = b->prefix_ds[t] = b->prefix_nr[t] = b->prefix_bnr[t] = b->prefix_goods[t] = 0;
        for (int l = 0; l < b->product; l++) {
            int f = l * m->periods + t;
            b->prefix_lr[t] += b->fixed_lr[f];
            b->prefix_ds[t] += b->fixed_ds[f];
            b->prefix_nr[t] += b->fixed_nr[f];
            b->prefix_bnr[t] += b->fixed_bnr[f];
            b->prefix_goods[t] += b->fixed_goods[f];
        }
    }
    account_periods(b, p);
    for (int first = 0; first < n; first += LANES) {
        moving_product(b, p, values + first, n - first);
        batch_rebate_rates(b, p);
        batch_profit_and_loss(b, p, n, first, out);
    }
}

/* ------------------------------------------------------------------------------------------------
 * Input, the check against Parley, the timing
 * ------------------------------------------------------------------------------------------------ */

static void bad(const char *what) {
    fprintf(stderr, "evaluator: %s\n", what);
    exit(2);
}

static double hex(const char *text) {
    char *end;
    double v = strtod(text, &end);
    if (*end) bad("a number in the model file is not one");
    return v;
}

static int field(FILE *f, const char *key) {
    char name[64];
    int v;
    if (fscanf(f, "%63s %d", name, &v) != 2 || strcmp(name, key) != 0) {
        fprintf(stderr, "evaluator: expected '%s' in the model file\n", key);
        exit(2);
    }
    return v;
}

static int basis(FILE *f, const char *key) {
    char name[64], value[64];
    if (fscanf(f, "%63s %63s", name, value) != 2 || strcmp(name, key) != 0) bad("expected a rebate basis");
    if (strcmp(value, "RETROACTIVE") == 0) return RETROACTIVE;
    if (strcmp(value, "INCREMENTAL") == 0) return INCREMENTAL;
    fprintf(stderr, "evaluator: rebate basis %s is not one this port knows\n", value);
    exit(2);
}

static void read_model(const char *path, Model *m, char *scenario, size_t scenario_size) {
    FILE *f = fopen(path, "r");
    if (!f) bad("cannot open the model file");
    char word[512], text[512];
    int version;
    if (fscanf(f, "%511s %d", word, &version) != 2 || strcmp(word, "parley-cref") != 0 || version != 1) {
        bad("not a model file of version 1 (CReferenceExport writes them)");
    }
    if (fscanf(f, "%511s %511s", word, text) != 2) bad("no scenario name");
    snprintf(scenario, scenario_size, "%s", text);
    m->years = field(f, "years");
    m->ppy = field(f, "periodsPerYear");
    m->products = field(f, "products");
    m->terms_basis = basis(f, "termsBasis");
    m->baseline_basis = basis(f, "baselineBasis");
    m->terms_tiers = field(f, "termsTiers");
    m->baseline_tiers = field(f, "baselineTiers");
    m->terms_services = field(f, "termsServices");
    m->baseline_services = field(f, "baselineServices");
    m->moving_slot = field(f, "movingSlot");
    if (fscanf(f, "%511s", text) != 1) bad("no path of the moving slot");
    m->periods = m->years * m->ppy;
    if (m->years < 1 || m->ppy < 1 || m->periods > MAX_PERIODS || m->products < 1 || m->products > MAX_PRODUCTS) {
        bad("the horizon or the product count is outside what this port is built for");
    }
    m->terms_tier_base = PRODUCTS + PRODUCT_SLOTS * m->products;
    m->baseline_tier_base = m->terms_tier_base + 2 * m->terms_tiers;
    m->terms_service_base = m->baseline_tier_base + 2 * m->baseline_tiers;
    m->baseline_service_base = m->terms_service_base + 2 * m->terms_services;
    int end = m->baseline_service_base + 2 * m->baseline_services;
    m->parameter_count = field(f, "parameters");
    if (m->parameter_count != end || end > MAX_PARAMETERS) {
        bad("the parameter vector is not the layout this port knows (year slots, or a new kind of slot): refused");
    }
    for (int i = 0; i < m->parameter_count; i++) {
        if (fscanf(f, "%511s %511s", word, text) != 2) bad("too few parameters");
        m->p[i] = hex(word);
    }
    if (field(f, "metrics") != METRICS) bad("not 21 metrics: engine/Metric changed, so must this port");
    static const char *names[METRICS] = {"listRevenue", "discount", "netRevenue", "rebate", "cogs", "grossMargin",
        "costToServe", "financingCost", "contribution", "cashFlow", "grossMarginPct", "contributionMarginPct",
        "minYearContributionMarginPct", "npv", "npvBaseline", "concessionCost", "customerSavings", "customerNpv",
        "valueLeverage", "paybackPeriod", "revenueCagr"};
    for (int k = 0; k < METRICS; k++) {
        if (fscanf(f, "%511s", word) != 1 || strcmp(word, names[k]) != 0) bad("the metrics are not engine/Metric's, in its order");
    }
    m->checks = field(f, "checks");
    if (m->checks < 1 || m->checks > MAX_CHECKS) bad("no checks");
    for (int c = 0; c < m->checks; c++) {
        if (fscanf(f, "%511s", word) != 1) bad("too few checks");
        m->check_value[c] = hex(word);
        for (int k = 0; k < METRICS; k++) {
            if (fscanf(f, "%511s", word) != 1) bad("too few metrics in a check");
            m->expected[c][k] = hex(word);
        }
    }
    fclose(f);
}

static const char *metric_name(int k) {
    static const char *names[METRICS] = {"listRevenue", "discount", "netRevenue", "rebate", "cogs", "grossMargin",
        "costToServe", "financingCost", "contribution", "cashFlow", "grossMarginPct", "contributionMarginPct",
        "minYearContributionMarginPct", "npv", "npvBaseline", "concessionCost", "customerSavings", "customerNpv",
        "valueLeverage", "paybackPeriod", "revenueCagr"};
    return names[k];
}

/* |a − b| ≤ 1e-9 × |b| (NaN only against NaN); counts the bit-identical and the worst relative difference */
static int compare(const char *variant, const Model *m, int c, const double *got, int *identical, double *worst) {
    int ok = 1;
    for (int k = 0; k < METRICS; k++) {
        double want = m->expected[c][k], have = got[k];
        if (memcmp(&want, &have, sizeof want) == 0) { (*identical)++; continue; }
        double diff = isnan(want) || isnan(have) ? INFINITY : fabs(have - want) / (want == 0 ? 1 : fabs(want));
        if (diff > *worst) *worst = diff;
        if (!(diff <= TOLERANCE)) {
            fprintf(stderr, "evaluator: %s, discount %.17g: %s is %.17g, Parley's %.17g\n", variant, m->check_value[c],
                    metric_name(k), have, want);
            ok = 0;
        }
    }
    return ok;
}

static double seconds(clockid_t clock) {
    struct timespec ts;
    clock_gettime(clock, &ts);
    return ts.tv_sec + ts.tv_nsec * 1e-9;
}

static double batch_out[METRICS][BATCH];

int main(int argc, char **argv) {
    /* --perturb: Parley's npv at the last discount moved by 1e-8 of itself, which the check must refuse */
    int perturb = argc > 1 && strcmp(argv[1], "--perturb") == 0;
    if (perturb) argv++, argc--;
    if (argc < 2) {
        fprintf(stderr, "usage: evaluator [--perturb] MODEL [seconds-per-run=0.5] [runs=7]\n");
        return 2;
    }
    static Model model;
    char scenario[512];
    read_model(argv[1], &model, scenario, sizeof scenario);
    if (perturb) model.expected[model.checks - 1][NPV] *= 1 + 1e-8;
    double run_seconds = argc > 2 ? atof(argv[2]) : 0.5;
    int runs = argc > 3 ? atoi(argv[3]) : 7;
    const Model *m = &model;
    int slot = m->moving_slot;

    /* the check, before any timing: both variants against Parley's evaluator */
    static Evaluator e;
    evaluator_init(&e, m);
    static Batch b;
    batch_init(&b, m, slot);
    double p[MAX_PARAMETERS], summary[METRICS];
    memcpy(p, m->p, sizeof(double) * m->parameter_count);
    int ok_plain = 1, ok_batch = 1, identical_plain = 0, identical_batch = 0;
    double worst_plain = 0, worst_batch = 0;
    for (int c = 0; c < m->checks; c++) {
        p[slot] = m->check_value[c];
        evaluate(&e, p, summary);
        ok_plain &= compare("plain", m, c, summary, &identical_plain, &worst_plain);
    }
    p[slot] = m->p[slot];
    evaluate_batch(&b, p, m->check_value, m->checks, batch_out);
    for (int c = 0; c < m->checks; c++) {
        double got[METRICS];
        for (int k = 0; k < METRICS; k++) got[k] = batch_out[k][c];
        ok_batch &= compare("batch", m, c, got, &identical_batch, &worst_batch);
    }
    /* the batch against the plain port (checked above) with each slot of each product moved: the same bits */
    int moved = 0, batch_same = 1;
    for (int s = PRODUCTS; s < PRODUCTS + PRODUCT_SLOTS * m->products; s++) {
        static Batch other;
        static Evaluator plain;
        evaluator_init(&plain, m);
        batch_init(&other, m, s);
        double values[3] = {m->p[s] * 0.5, m->p[s] * 1.25 + 0.01, m->p[s]};
        evaluate_batch(&other, m->p, values, 3, batch_out);
        for (int v = 0; v < 3; v++) {
            memcpy(p, m->p, sizeof(double) * m->parameter_count);
            p[s] = values[v];
            evaluate(&plain, p, summary);
            for (int k = 0; k < METRICS; k++) {
                double a = summary[k], c = batch_out[k][v];
                if (!(a == c || (isnan(a) && isnan(c)))) {
                    fprintf(stderr, "evaluator: batch moving slot %d to %.17g: %s is %.17g, plain C's %.17g\n", s, values[v],
                            metric_name(k), c, a);
                    batch_same = 0;
                }
            }
        }
        moved++;
    }
    memcpy(p, m->p, sizeof(double) * m->parameter_count);
    int figures = m->checks * METRICS;
    printf("scenario %s: %d years x %d periods, %d products; checked at %d discounts x %d metrics against Parley's evaluator\n",
           scenario, m->years, m->ppy, m->products, m->checks, METRICS);
    printf("check plain: %d of %d bit-identical, largest relative difference %.3g: %s\n", identical_plain, figures,
           worst_plain, ok_plain ? "ok" : "DIFFERS");
    printf("check batch: %d of %d bit-identical, largest relative difference %.3g: %s\n", identical_batch, figures,
           worst_batch, ok_batch ? "ok" : "DIFFERS");
    printf("check batch against plain C, each of the %d product slots moved to 3 values: %s\n", moved,
           batch_same ? "equal to the last bit" : "DIFFERS");
    if (!ok_plain || !ok_batch || !batch_same) return 1;
    if (run_seconds <= 0) return 0;

    /* the timing: EvaluatorBenchmark's work, best of `runs`, wall clock and this thread's CPU time */
    double sink = 0;
    double best_plain = INFINITY, best_plain_cpu = INFINITY, best_batch = INFINITY, best_batch_cpu = INFINITY;
    long calls = 0;
    long plain_n = 1 << 16, batch_n = 64;
    double values[BATCH];
    for (int i = 0; i < BATCH; i++) values[i] = 0.01 + 0.0001 * i;   /* the discounts newDiscount cycles through */
    for (int r = -1; r < runs; r++) {   /* run −1 warms up and sizes the runs */
        double w0 = seconds(CLOCK_MONOTONIC), c0 = seconds(CLOCK_THREAD_CPUTIME_ID);
        for (long i = 0; i < plain_n; i++) {
            p[slot] = 0.01 + 0.0001 * (double) (calls++ & 1023);
            evaluate(&e, p, summary);
            sink += summary[NPV];
        }
        double w1 = seconds(CLOCK_MONOTONIC), c1 = seconds(CLOCK_THREAD_CPUTIME_ID);
        p[slot] = m->p[slot];
        for (long i = 0; i < batch_n; i++) {
            evaluate_batch(&b, p, values, BATCH, batch_out);
            sink += batch_out[NPV][BATCH - 1];
        }
        double w2 = seconds(CLOCK_MONOTONIC), c2 = seconds(CLOCK_THREAD_CPUTIME_ID);
        if (r < 0) {
            plain_n = (long) (plain_n * run_seconds / (w1 - w0)) + 1;
            batch_n = (long) (batch_n * run_seconds / (w2 - w1)) + 1;
            continue;
        }
        double plain = (w1 - w0) / plain_n, plain_cpu = (c1 - c0) / plain_n;
        double batch = (w2 - w1) / (batch_n * BATCH), batch_cpu = (c2 - c1) / (batch_n * BATCH);
        if (plain < best_plain) best_plain = plain;
        if (plain_cpu < best_plain_cpu) best_plain_cpu = plain_cpu;
        if (batch < best_batch) best_batch = batch;
        if (batch_cpu < best_batch_cpu) best_batch_cpu = batch_cpu;
    }
    printf("C plain: %.2f M evaluations/s (%.1f ns; thread CPU %.1f ns), best of %d runs of %.2f s, new discount each call\n",
           1e-6 / best_plain, best_plain * 1e9, best_plain_cpu * 1e9, runs, run_seconds);
    printf("C batch: %.2f M evaluations/s (%.1f ns; thread CPU %.1f ns), best of %d runs of %.2f s, %d discounts a batch, %d lanes\n",
           1e-6 / best_batch, best_batch * 1e9, best_batch_cpu * 1e9, runs, run_seconds, BATCH, LANES);
    printf("(sink %g)\n", sink);
    return 0;
}
