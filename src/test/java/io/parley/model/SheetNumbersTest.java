package io.parley.model;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SheetNumbersTest {

    private static final SheetNumbers GERMAN = SheetNumbers.of("de-DE");
    private static final SheetNumbers ENGLISH = SheetNumbers.of("en-US");
    private static final SheetNumbers NONE = SheetNumbers.undeclared();

    @Test
    void aGermanSheetWritesDecimalCommasAndGroupsThousandsWithDots() {
        assertThat(GERMAN.parse("0,08")).isEqualTo(0.08);
        assertThat(GERMAN.parse("6.500")).isEqualTo(6500);
        assertThat(GERMAN.parse("1.234.567,89")).isEqualTo(1234567.89);
        assertThat(GERMAN.parse("-2,5")).isEqualTo(-2.5);
        assertThat(GERMAN.parse(" 45 ")).isEqualTo(45);
    }

    @Test
    void anEnglishSheetWritesDecimalPointsAndGroupsThousandsWithCommas() {
        assertThat(ENGLISH.parse("6.500")).isEqualTo(6.5);
        assertThat(ENGLISH.parse("1,234,567.89")).isEqualTo(1234567.89);
        assertThat(ENGLISH.parse("0.08")).isEqualTo(0.08);
    }

    @Test
    void aFrenchSheetGroupsWithSpaces() {
        SheetNumbers french = SheetNumbers.of("fr-FR");
        assertThat(french.parse("1\u202f234,5")).isEqualTo(1234.5);
        assertThat(french.parse("1 234,5")).isEqualTo(1234.5);
    }

    @Test
    void aNumberThatIsNotWrittenTheDeclaredWayIsRefusedSayingHowItIsWritten() {
        assertThatThrownBy(() -> GERMAN.parse("0.08")).isInstanceOf(NumberFormatException.class)
                .hasMessageContaining("'0.08' is not a number as de-DE writes it").hasMessageContaining("',' before the decimals");
        assertThatThrownBy(() -> GERMAN.parse("1.23,4")).isInstanceOf(NumberFormatException.class);
        assertThatThrownBy(() -> ENGLISH.parse("0,08")).isInstanceOf(NumberFormatException.class);
    }

    @Test
    void undeclaredANumberThatTwoLocalesReadDifferentlyIsRefusedSayingHowToDeclareOne() {
        assertThatThrownBy(() -> NONE.parse("6.500")).isInstanceOf(NumberFormatException.class)
                .hasMessageContaining("'6.500' is 6.5 with a decimal point and 6500 with a decimal comma")
                .hasMessageContaining("locale=de-DE");
        assertThatThrownBy(() -> NONE.parse("1,000")).hasMessageContaining("is 1 with a decimal point and 1000 with a decimal comma");
        assertThatThrownBy(() -> NONE.parse("-12.345")).isInstanceOf(NumberFormatException.class);
    }

    @Test
    void undeclaredANumberOnlyOneWayCanReadIsTaken() {
        assertThat(NONE.parse("0.125")).isEqualTo(0.125); // a leading 0 is no thousands group
        assertThat(NONE.parse("6.5")).isEqualTo(6.5);
        assertThat(NONE.parse("6500")).isEqualTo(6500);
        assertThat(NONE.parse("1234.5678")).isEqualTo(1234.5678);
        assertThat(NONE.parse("0,08")).isEqualTo(0.08);
        assertThat(NONE.parse("2.5E-3")).isEqualTo(0.0025);
        assertThatThrownBy(() -> NONE.parse("abc")).hasMessageContaining("'abc' is not a number");
    }

    @Test
    void figuresAreWrittenInFullWithTheLocalesDecimalSeparatorAndNoGrouping() {
        assertThat(GERMAN.format(5227268.077922516)).isEqualTo("5227268,077922516");
        assertThat(ENGLISH.format(5227268.077922516)).isEqualTo("5227268.077922516");
        assertThat(NONE.format(-0.25)).isEqualTo("-0.25");
        assertThat(GERMAN.format(1)).isEqualTo("1");
    }

    @Test
    void aTagThatNamesNoLocaleIsRefused() {
        assertThatThrownBy(() -> SheetNumbers.of("german")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SheetNumbers.of("de_DE")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a locale tag such as de-DE");
        assertThat(SheetNumbers.of("de-de").locale()).isEqualTo("de-DE");
    }
}
