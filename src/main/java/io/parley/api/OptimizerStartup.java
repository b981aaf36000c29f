package io.parley.api;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.parley.optimize.Solvers;
import io.quarkus.runtime.StartupEvent;

/** Loads OR-Tools' native solvers once when the service starts, never per request. */
@ApplicationScoped
public class OptimizerStartup {

    void load(@Observes StartupEvent started) {
        Solvers.load();
    }
}
