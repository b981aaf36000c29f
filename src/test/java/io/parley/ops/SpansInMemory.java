package io.parley.ops;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;

/** The tests' span exporter: spans are kept in memory, to be read back, instead of sent to a collector. */
@Singleton
public class SpansInMemory {

    @Produces
    @Singleton
    InMemorySpanExporter exporter() {
        return InMemorySpanExporter.create();
    }
}
