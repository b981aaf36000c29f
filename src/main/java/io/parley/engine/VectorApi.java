package io.parley.engine;

/**
 * Whether the batch evaluator may use the Java Vector API ({@code jdk.incubator.vector}), and its kernels
 * when it may. The API is an incubator module, in the JVM only when started with
 * {@code --add-modules jdk.incubator.vector}; without it the classes that use it must never load, so they
 * are named only here, behind the check. {@code -Dparley.batch.vector-api=false} turns it off (to compare).
 */
final class VectorApi {

    /** The module is in the boot layer and the switch is not off. */
    static final boolean AVAILABLE = !"false".equals(System.getProperty("parley.batch.vector-api"))
            && ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();

    private VectorApi() {
    }

    /**
     * The kernel for chunks of {@code width} lanes, or null when the API is not available or its vectors do not
     * divide the width (the kernel runs whole vectors, past n up to the width).
     */
    static LaneKernel kernel(int width) {
        return AVAILABLE ? VectorLaneKernel.forWidth(width) : null;
    }
}
