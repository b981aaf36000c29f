package io.parley.plan;

import java.time.LocalDate;

/**
 * Where the agreed scenario's periods fall in the calendar. Contract year 1 begins on
 * {@code start}, the first day of a month; each period is 12 / periodsPerYear months long. Yearly
 * targets are calendar years, so a period that straddles a new year counts towards each year in
 * proportion to its months there (a quarter from November: two thirds to the first year, one third
 * to the next).
 */
public record ContractCalendar(LocalDate start, int periodsPerYear) {

    public ContractCalendar {
        if (start.getDayOfMonth() != 1) throw new IllegalArgumentException("an agreement starts on the 1st of a month, not " + start);
        if (12 % periodsPerYear != 0) throw new IllegalArgumentException(periodsPerYear + " periods do not divide a year into months");
    }

    public int monthsPerPeriod() {
        return 12 / periodsPerYear;
    }

    /** The first day of {@code period} (1-based). */
    public LocalDate periodStart(int period) {
        return start.plusMonths((long) (period - 1) * monthsPerPeriod());
    }

    /** The last day of {@code period} (1-based). */
    public LocalDate periodEnd(int period) {
        return periodStart(period + 1).minusDays(1);
    }

    /** How many of {@code period}'s months fall in calendar {@code year}. */
    public int monthsIn(int period, int year) {
        LocalDate from = periodStart(period);
        int months = 0;
        for (int m = 0; m < monthsPerPeriod(); m++) {
            if (from.plusMonths(m).getYear() == year) months++;
        }
        return months;
    }

    /** The share (0–1) of {@code period}'s months that fall in calendar {@code year}. */
    public double shareIn(int period, int year) {
        return (double) monthsIn(period, year) / monthsPerPeriod();
    }
}
