/**
 * What-if analyses over any lever and metric: deterministic (tornado, spider, sweeps, goal seek,
 * break-even, bridge) and under uncertainty (Monte Carlo, Sobol indices, Morris screening).
 */
package io.parley.analysis;
