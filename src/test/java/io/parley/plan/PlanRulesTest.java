package io.parley.plan;

import java.time.LocalDate;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The rules of a plan's fields, one test a rule, at and either side of each edge. */
class PlanRulesTest {

    @Test
    void aTextIsOneToMaxCharactersAndNotBlank() {
        assertThat(PlanRules.problemWithText("a", 200)).isEmpty();
        assertThat(PlanRules.problemWithText("x".repeat(200), 200)).isEmpty();
        assertThat(PlanRules.problemWithText("x".repeat(201), 200)).hasValue("must be 1–200 characters, not blank");
        assertThat(PlanRules.problemWithText("", 200)).isPresent();
        assertThat(PlanRules.problemWithText(" \t ", 200)).isPresent();
    }

    @Test
    void aMessageHasAtMostAThousandCharactersAndMayBeEmpty() {
        assertThat(PlanRules.problemWithMessage("")).isEmpty();
        assertThat(PlanRules.problemWithMessage("m".repeat(1000))).isEmpty();
        assertThat(PlanRules.problemWithMessage("m".repeat(1001))).hasValue("is longer than 1000 characters");
    }

    @Test
    void aChoiceIsOneOfTheMenusWordsSpelledAsTheMenuSpellsThem() {
        assertThat(PlanRules.problemWithChoice("inProgress", PlanRules.ACTION_STATUSES)).isEmpty();
        assertThat(PlanRules.problemWithChoice("in-progress", PlanRules.ACTION_STATUSES))
                .hasValue("'in-progress' is not one of open, inProgress, done, blocked");
        assertThat(PlanRules.problemWithChoice("High", PlanRules.INFLUENCES)).hasValue("'High' is not one of low, medium, high");
    }

    @Test
    void thePlanStatusesAreTheStatusesApiNames() {
        assertThat(PlanRules.STATUSES).hasSize(PlanStatus.values().length).contains(PlanStatus.DRAFT.apiName);
    }

    @Test
    void anAmountIsFiniteAndWithinItsRangeBothEndsIncluded() {
        assertThat(PlanRules.problemWithAmount(0, 0, 1)).isEmpty();
        assertThat(PlanRules.problemWithAmount(1, 0, 1)).isEmpty();
        assertThat(PlanRules.problemWithAmount(1.5, 0, 1)).hasValue("1.5 is outside 0–1");
        assertThat(PlanRules.problemWithAmount(-0.01, 0, Double.POSITIVE_INFINITY)).hasValue("-0.01 is outside 0–∞");
        assertThat(PlanRules.problemWithAmount(1e300, 0, Double.POSITIVE_INFINITY)).isEmpty();
        assertThat(PlanRules.problemWithAmount(Double.POSITIVE_INFINITY, 0, Double.POSITIVE_INFINITY)).isPresent();
        assertThat(PlanRules.problemWithAmount(Double.NaN, 0, 1)).isPresent();
    }

    @Test
    void aWholeNumberIsWithinItsRangeBothEndsIncluded() {
        assertThat(PlanRules.problemWithWhole(1, 1, 5)).isEmpty();
        assertThat(PlanRules.problemWithWhole(5, 1, 5)).isEmpty();
        assertThat(PlanRules.problemWithWhole(0, 1, 5)).hasValue("0 is outside 1–5");
        assertThat(PlanRules.problemWithWhole(6, 1, 5)).hasValue("6 is outside 1–5");
    }

    @Test
    void aDateIsAnIsoCalendarDateThatExists() {
        assertThat(PlanRules.problemWithDate("2028-02-29")).isEmpty();
        assertThat(PlanRules.problemWithDate("2027-02-29")).hasValue("'2027-02-29' is not a date (YYYY-MM-DD)");
        assertThat(PlanRules.problemWithDate("01.03.2027")).isPresent();
        assertThat(PlanRules.problemWithDate("2027-3-1")).isPresent();
    }

    @Test
    void aCurrencyIsThreeUpperCaseLetters() {
        assertThat(PlanRules.problemWithCurrency("EUR")).isEmpty();
        assertThat(PlanRules.problemWithCurrency("eur")).hasValue("'eur' is not an ISO 4217 code (3 upper-case letters)");
        assertThat(PlanRules.problemWithCurrency("EURO")).isPresent();
        assertThat(PlanRules.problemWithCurrency("€")).isPresent();
    }

    @Test
    void anAgreementStartsOnTheFirstDayOfAMonth() {
        assertThat(PlanRules.problemWithAgreementStart(LocalDate.of(2027, 3, 1))).isEmpty();
        assertThat(PlanRules.problemWithAgreementStart(LocalDate.of(2027, 3, 2)))
                .hasValueSatisfying(p -> assertThat(p).startsWith("'2027-03-02' is not the first day of a month"));
        assertThat(PlanRules.problemWithAgreementStart(LocalDate.of(2027, 2, 28))).isPresent();
    }

    @Test
    void aYearHasOneTargetAtMost() {
        assertThat(PlanRules.problemWithTargetYear(2027, Set.of())).isEmpty();
        assertThat(PlanRules.problemWithTargetYear(2028, Set.of(2027))).isEmpty();
        assertThat(PlanRules.problemWithTargetYear(2027, Set.of(2026, 2027))).hasValue("a second target for 2027");
    }
}
