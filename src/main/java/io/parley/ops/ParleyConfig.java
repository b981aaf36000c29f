package io.parley.ops;

import java.util.Map;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings under {@code parley.*}. */
@ConfigMapping(prefix = "parley")
public interface ParleyConfig {

    Limits limits();

    Analyses analyses();

    Optimize optimize();

    Uncertainty uncertainty();

    Quotas quotas();

    /**
     * Budgets of compute work per caller and minute, in evaluations × product-periods (engine/Cost),
     * charged by every compute operation (api/ComputeQuota, docs/security.md).
     */
    interface Quotas {
        /** Off only where one trusted caller must never be throttled (a load test); on by default. */
        @WithDefault("true")
        boolean enabled();

        /**
         * Units a caller may spend per minute when none of its roles has a budget of its own. 6·10¹⁰ is
         * the ceiling of one request (limits.max-cost-units), so any request the service admits fits a
         * full budget; it is about 2.5 CPU-minutes per minute at 2.5 ns a unit.
         */
        @WithDefault("60000000000")
        long unitsPerMinute();

        /** Units per minute for the callers holding a role, e.g. parley.quotas.roles.viewer=1000000000. */
        Map<String, Long> roles();
    }

    /** Ceilings of Monte Carlo, Sobol and Morris runs; over them, a 422 that states the ceiling. */
    interface Uncertainty {
        /** Samples summarised in one Monte Carlo run (each lever and metric is held per sample: ~8 bytes each). */
        @WithDefault("2000000")
        long maxSamples();

        /** Samples streamed raw (CSV/NDJSON) in one request or shard: nothing is held. */
        @WithDefault("100000000")
        long maxStreamedSamples();

        /** Uncertain levers in one run. */
        @WithDefault("100")
        int maxLevers();

        /** Evaluations of one Sobol run: N × (levers + 2). */
        @WithDefault("5000000")
        long maxSobolEvaluations();

        /** Trajectories of one Morris screening. */
        @WithDefault("10000")
        int maxTrajectories();

        /** Threads a run uses; results do not depend on it. 0 means one per core. */
        @WithDefault("0")
        int threads();
    }

    /** Limits of the optimiser. */
    interface Optimize {
        /** Time a solve may take unless the request asks for less; also the most it may ask for. */
        @WithDefault("10")
        double defaultTimeLimitSeconds();

        @WithDefault("60")
        double maxTimeLimitSeconds();

        /** Decisions in one optimisation. */
        @WithDefault("200")
        int maxDecisions();

        /** Options of one menu (a whole-number range becomes a menu of its values). */
        @WithDefault("1000")
        int maxMenuOptions();

        /** Points of one frontier. */
        @WithDefault("101")
        int maxFrontierPoints();
    }

    /** Ceilings on the work one analysis request may ask for; over them, a 422 that states the ceiling. */
    interface Analyses {
        /** Levers in one tornado, spider or break-even table. */
        @WithDefault("500")
        int maxLevers();

        /** Relative changes per lever in a spider. */
        @WithDefault("1001")
        int maxSpiderChanges();

        /** Values one swept lever may take. */
        @WithDefault("100000")
        int maxValuesPerLever();

        /** Points of a sweep answered as one JSON document, held in memory: 100k rows is a few MB. */
        @WithDefault("100000")
        long maxBufferedPoints();

        /** Points of a streamed sweep (CSV, NDJSON): nothing is held, so only time limits it (~1 min here). */
        @WithDefault("100000000")
        long maxStreamedPoints();

        /** Shards a sweep or a stream of Monte Carlo samples may be split into. */
        @WithDefault("10000")
        int maxShards();

        /** Levers a sequential bridge may attribute to. */
        @WithDefault("1000")
        int maxBridgeLevers();
    }

    interface Limits {
        /** Largest JSON body accepted, in bytes: 2 MiB holds a 1000-product scenario many times over. */
        @WithDefault("2097152")
        long maxBodyBytes();

        /** Most variants in one compare request; each is a full evaluation. */
        @WithDefault("100")
        int maxVariants();

        /** Heavy requests (sweeps, simulations, optimisation) running at once; 0 means one per core. */
        @WithDefault("0")
        int heavyRequests();

        /** How long a heavy request waits for a slot before it is answered 503. */
        @WithDefault("2000")
        long heavyWaitMillis();

        /**
         * Most work one request may ask for, in evaluations × product-periods (engine/Cost): 6·10¹⁰ is
         * about 2.5 CPU-minutes at 2.5 ns a unit (docs/performance.md), whatever the scenario's size.
         */
        @WithDefault("60000000000")
        long maxCostUnits();

        /**
         * Work below which a request needs no heavy-work slot (it is still stopped when its client goes
         * away): 10⁸ units is about a quarter of a second.
         */
        @WithDefault("100000000")
        long lightCostUnits();

        /**
         * Share of the heap (-Xmx, or the container's memory × MaxRAMPercentage) that the runs admitted at
         * once may hold together; the rest is for requests, buffers and the framework.
         */
        @WithDefault("0.5")
        double heapShare();

        /** The Retry-After a saturated service answers with, in seconds. */
        @WithDefault("2")
        int retryAfterSeconds();
    }
}
