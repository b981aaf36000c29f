package io.parley.ops;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;

/**
 * Request and solve times are published with histogram buckets, so Prometheus computes latency
 * percentiles across every replica (histogram_quantile); percentiles a replica computed itself
 * could not be combined.
 */
@Singleton
public class Histograms {

    static final String HTTP_REQUESTS = "http.server.requests";

    @Produces
    @Singleton
    MeterFilter percentileBuckets() {
        return new MeterFilter() {
            @Override
            public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
                if (id.getName().equals(HTTP_REQUESTS) || id.getName().equals(Meters.SOLVES)) {
                    return DistributionStatisticConfig.builder().percentilesHistogram(true).build().merge(config);
                }
                return config;
            }
        };
    }
}
