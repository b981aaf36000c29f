package io.parley.model;

/** How a rebate schedule turns a year's net spend into a rebate. */
public enum RebateBasis {
    /** The highest tier reached applies its rate to all of the year's spend. */
    RETROACTIVE,
    /** Each tier's rate applies only to the spend inside that tier. */
    INCREMENTAL
}
