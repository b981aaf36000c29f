/** Deterministic what-if analyses over any lever and metric: tornado, spider, sweeps, goal seek, break-even, bridge. */
package io.parley.analysis;
