package io.parley.api;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.parley.optimize.Solvers;
import io.quarkus.runtime.StartupEvent;

/**
 * Loads OR-Tools' native solvers once per process, never per request, and off the path to the first
 * answer: unpacking and linking them took 1.4–1.8 s of CPU on the shared 2-core machine, which the
 * evaluator, the analyses and the store never need. A background thread starts on it when the service
 * starts; an optimisation that comes first waits for it ({@link Solvers#load} is one lock), and one
 * that comes after a failed load tries again and reports the failure itself.
 */
@ApplicationScoped
public class OptimizerStartup {

    private static final Logger LOG = Logger.getLogger(OptimizerStartup.class);

    void load(@Observes StartupEvent started) {
        Thread loader = new Thread(OptimizerStartup::loadQuietly, "or-tools-loader");
        loader.setDaemon(true);
        loader.start();
    }

    private static void loadQuietly() {
        try {
            Solvers.load();
        } catch (RuntimeException | LinkageError e) {
            LOG.warnf("OR-Tools' native solvers did not load (%s); the optimiser will try again when asked", e.getMessage());
        }
    }
}
