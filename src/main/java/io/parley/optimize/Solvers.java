package io.parley.optimize;

import com.google.ortools.Loader;

/** OR-Tools' native libraries, loaded once per process (at start-up by the service, or on first use). */
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
