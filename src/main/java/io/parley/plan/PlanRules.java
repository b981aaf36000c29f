package io.parley.plan;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.parley.model.Numbers;

/**
 * The rules an account plan's fields keep, each stated once: how long a text may be, which words a
 * menu offers, the ranges of numbers and scores, what a date and a currency look like, when an
 * agreement may start and how many targets a year may have. Each rule answers the problem, worded to
 * follow the field's name in a message, or nothing; the reader of a plan document names the field.
 */
public final class PlanRules {

    /** Names, roles and owners: a line in a table or on a slide. */
    public static final int MAX_TEXT = 200;
    /** Objectives' titles and actions' descriptions: a paragraph. */
    public static final int MAX_LONG_TEXT = 2000;
    /** A revision's message, as a commit message would be. */
    public static final int MAX_MESSAGE = 1000;

    /** The years a target may be for: any a plan written today could sensibly mean. */
    public static final int FIRST_YEAR = 1900;
    public static final int LAST_YEAR = 2200;
    /** Scores of one to five: a stakeholder's relationship strength, an opportunity's attractiveness and achievability. */
    public static final int LOWEST_SCORE = 1;
    public static final int HIGHEST_SCORE = 5;

    /** The menus, in the order messages list them. */
    public static final List<String> RELATIONSHIPS = List.of("transactional", "consultative", "enterprise");
    public static final List<String> INFLUENCES = List.of("low", "medium", "high");
    public static final List<String> ATTITUDES = List.of("supporter", "neutral", "skeptic", "opponent");
    public static final List<String> ACTION_STATUSES = List.of("open", "inProgress", "done", "blocked");
    public static final List<String> PRIORITIES = List.of("high", "medium", "low");
    public static final List<String> MILESTONE_STATUSES = List.of("planned", "done", "late");
    public static final List<String> REVIEW_CADENCES = List.of("monthly", "quarterly", "halfYearly", "yearly");
    public static final List<String> STATUSES = Arrays.stream(PlanStatus.values()).map(s -> s.apiName).toList();

    private PlanRules() {
    }

    /** A text of 1 to {@code max} characters that is not all white space. */
    public static Optional<String> problemWithText(String text, int max) {
        return text.isBlank() || text.length() > max
                ? Optional.of("must be 1–" + max + " characters, not blank") : Optional.empty();
    }

    /** A revision's message: at most {@link #MAX_MESSAGE} characters (it may be empty). */
    public static Optional<String> problemWithMessage(String message) {
        return message.length() > MAX_MESSAGE
                ? Optional.of("is longer than " + MAX_MESSAGE + " characters") : Optional.empty();
    }

    /** One of a menu's words, spelled as the menu spells it. */
    public static Optional<String> problemWithChoice(String word, List<String> menu) {
        return menu.contains(word) ? Optional.empty()
                : Optional.of("'" + word + "' is not one of " + String.join(", ", menu));
    }

    /** A finite number from {@code min} to {@code max}, both included ({@code max} may be infinite). */
    public static Optional<String> problemWithAmount(double value, double min, double max) {
        return Double.isFinite(value) && value >= min && value <= max ? Optional.empty()
                : Optional.of(Numbers.plain(value) + " is outside " + Numbers.plain(min) + "–"
                        + (Double.isInfinite(max) ? "∞" : Numbers.plain(max)));
    }

    /** A whole number from {@code min} to {@code max}, both included. */
    public static Optional<String> problemWithWhole(int value, int min, int max) {
        return value >= min && value <= max ? Optional.empty() : Optional.of(value + " is outside " + min + "–" + max);
    }

    /** A calendar date as ISO 8601 writes it (YYYY-MM-DD). */
    public static Optional<String> problemWithDate(String text) {
        try {
            LocalDate.parse(text);
            return Optional.empty();
        } catch (DateTimeParseException e) {
            return Optional.of("'" + text + "' is not a date (YYYY-MM-DD)");
        }
    }

    /** An ISO 4217 currency code: three upper-case letters (EUR, USD, CHF). */
    public static Optional<String> problemWithCurrency(String code) {
        return code.matches("[A-Z]{3}") ? Optional.empty()
                : Optional.of("'" + code + "' is not an ISO 4217 code (3 upper-case letters)");
    }

    /**
     * An agreement starts on the first day of a month: its periods are whole months from that day, so
     * that targets, which are for calendar years, can be set beside them.
     */
    public static Optional<String> problemWithAgreementStart(LocalDate start) {
        return start.getDayOfMonth() == 1 ? Optional.empty()
                : Optional.of("'" + start + "' is not the first day of a month; an agreement's periods are whole months"
                        + " from it, so targets (calendar years) can be compared with them");
    }

    /** One target a calendar year: {@code year} is refused when {@code earlier} targets already hold it. */
    public static Optional<String> problemWithTargetYear(int year, Set<Integer> earlier) {
        return earlier.contains(year) ? Optional.of("a second target for " + year) : Optional.empty();
    }
}
