package io.parley.api;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings under {@code parley.*}. */
@ConfigMapping(prefix = "parley")
public interface ParleyConfig {

    Limits limits();

    interface Limits {
        /** Largest JSON body accepted, in bytes: 2 MiB holds a 1000-product scenario many times over. */
        @WithDefault("2097152")
        long maxBodyBytes();

        /** Most variants in one compare request; each is a full evaluation. */
        @WithDefault("100")
        int maxVariants();
    }
}
