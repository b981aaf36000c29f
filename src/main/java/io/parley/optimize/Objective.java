package io.parley.optimize;

/** Maximise or minimise a linear form of metrics (default: maximise npv). */
public record Objective(boolean maximize, LinearForm form) {
}
