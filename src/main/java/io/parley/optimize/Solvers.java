package io.parley.optimize;

import com.google.ortools.Loader;

/**
 * OR-Tools' native libraries, loaded once per process, by the first optimisation that needs them. Not at
 * start-up: unpacking and linking them costs 1.4–1.8 s of CPU, which on a 2-core machine a background
 * loader took from the start's own path to its first answer; the evaluator, the analyses and the store
 * never need them. Optimisations that arrive together wait for the one load (one lock); one that comes
 * after a failed load tries again and reports the failure itself.
 */
public final class Solvers {

    private static volatile boolean loaded;

    private Solvers() {
    }

    public static void load() {
        if (!loaded) {
            synchronized (Solvers.class) {
                if (!loaded) {
                    Loader.loadNativeLibraries();
                    loaded = true;
                }
            }
        }
    }
}
