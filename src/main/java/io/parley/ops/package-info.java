/**
 * Operations: the settings an operator gives the service ({@code parley.*}: ceilings, limits, quotas),
 * the Prometheus meters and trace spans the shell records around the core's work, and the command-line
 * modes an operator runs the packaged service in (migrate the schema, run one sweep shard).
 * Like {@code api}, a shell: the core never sees it.
 */
package io.parley.ops;
