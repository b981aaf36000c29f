package io.parley.model;

import java.text.DecimalFormatSymbols;
import java.util.IllformedLocaleException;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Numbers as a spreadsheet writes them into a URL or a file: in the locale the caller declares (de-DE:
 * {@code 6.500,25}; en-US: {@code 6,500.25}), or, with none declared, in the way that cannot be misread.
 * Undeclared, {@code 6.500} is refused rather than guessed: it is six and a half to an English sheet
 * and six thousand five hundred to a German one, and reading it wrongly is silently 1000× off.
 */
public final class SheetNumbers {

    private static final String DIGITS = "[0-9]+";
    private static final Set<String> ISO_LANGUAGES = Set.of(Locale.getISOLanguages());
    /** One separator and exactly three digits after it, after one to three digits not starting with 0. */
    private static final Pattern AMBIGUOUS = Pattern.compile("[+-]?[1-9][0-9]{0,2}[.,][0-9]{3}");
    private static final Pattern PLAIN = Pattern.compile("[+-]?[0-9]+(\\.[0-9]+)?([eE][+-]?[0-9]+)?");
    private static final Pattern DECIMAL_COMMA = Pattern.compile("[+-]?[0-9]+,[0-9]+");

    /** The declared locale's tag, or null when none was declared. */
    private final String locale;
    private final char decimal;
    private final Pattern grouped;
    private final char grouping;

    private SheetNumbers(String locale, char decimal, char grouping) {
        this.locale = locale;
        this.decimal = decimal;
        this.grouping = grouping;
        String d = Pattern.quote(String.valueOf(decimal));
        String g = spaceLike(grouping) ? "[ \\u00a0\\u202f]" : Pattern.quote(String.valueOf(grouping));
        this.grouped = Pattern.compile("[+-]?([0-9]{1,3}(" + g + "[0-9]{3})+|" + DIGITS + ")(" + d + DIGITS + ")?");
    }

    /** A number that two locales read differently, sent with no locale declared. */
    public static final class AmbiguousNumberException extends NumberFormatException {
        public AmbiguousNumberException(String message) {
            super(message);
        }
    }

    /** A lever override as a spreadsheet URL gives it, {@code <lever path>:<number>}. */
    public record Override(String path, double value) {
    }

    /** Numbers with no locale declared: plain decimals; ambiguous ones are refused. */
    public static SheetNumbers undeclared() {
        return new SheetNumbers(null, '.', ',');
    }

    /**
     * Numbers in the locale named by a BCP 47 tag ({@code de-DE}, {@code en-US}, {@code fr-FR}):
     * its decimal separator and its grouping of thousands.
     *
     * @throws IllegalArgumentException when the tag names no locale with a language
     */
    public static SheetNumbers of(String languageTag) {
        Locale locale;
        try {
            locale = new Locale.Builder().setLanguageTag(languageTag.trim()).build();
        } catch (IllformedLocaleException e) {
            throw new IllegalArgumentException("'" + languageTag + "' is not a locale tag such as de-DE or en-US");
        }
        if (!ISO_LANGUAGES.contains(locale.getLanguage())) {
            throw new IllegalArgumentException("'" + languageTag + "' is not a locale tag such as de-DE or en-US");
        }
        DecimalFormatSymbols symbols = DecimalFormatSymbols.getInstance(locale);
        return new SheetNumbers(locale.toLanguageTag(), symbols.getDecimalSeparator(), symbols.getGroupingSeparator());
    }

    /** The declared locale's tag, or null when none was declared. */
    public String locale() {
        return locale;
    }

    /**
     * The number {@code text} writes.
     *
     * @throws NumberFormatException with a message that names the text and says how to write it
     */
    public double parse(String text) {
        String t = text.strip();
        if (locale == null) return parseUndeclared(t);
        if (!grouped.matcher(t).matches()) {
            throw new NumberFormatException("'" + text + "' is not a number as " + locale + " writes it: '" + decimal
                    + "' before the decimals" + (spaceLike(grouping) ? ", spaces" : ", '" + grouping + "'")
                    + " (if any) between groups of three digits");
        }
        StringBuilder plain = new StringBuilder(t.length());
        for (char c : t.toCharArray()) {
            if (c == decimal) plain.append('.');
            else if (c == '+' || c == '-' || Character.isDigit(c)) plain.append(c);
        }
        return Double.parseDouble(plain.toString());
    }

    private static double parseUndeclared(String t) {
        if (AMBIGUOUS.matcher(t).matches()) {
            String[] parts = t.split("[.,]");
            throw new AmbiguousNumberException("'" + t + "' is " + Numbers.plain(Double.parseDouble(parts[0] + "." + parts[1]))
                    + " with a decimal point and " + parts[0] + parts[1] + " with a decimal comma; declare the locale"
                    + " it is written in (locale=de-DE, locale=en-US) or write it without thousands separators");
        }
        if (PLAIN.matcher(t).matches()) return Double.parseDouble(t);
        if (DECIMAL_COMMA.matcher(t).matches()) return Double.parseDouble(t.replace(',', '.'));
        throw new NumberFormatException("'" + t + "' is not a number; write it as 1234.5, or declare the locale it is"
                + " written in (locale=de-DE for 1.234,5)");
    }

    /**
     * {@code <lever path>:<number>}, split at the last colon, the number read as {@link #parse} reads it.
     *
     * @throws AmbiguousNumberException when the number is ambiguous
     * @throws IllegalArgumentException when the text is not of that form or the number not finite
     */
    public Override override(String text) {
        int colon = text.lastIndexOf(':');
        String form = "'" + text + "' is not <lever path>:<number>, e.g. terms.discounts[widgets]:"
                + format(0.06);
        if (colon < 1) throw new IllegalArgumentException(form);
        double value;
        try {
            value = parse(text.substring(colon + 1));
        } catch (AmbiguousNumberException e) {
            throw e;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(form + " (" + e.getMessage() + ")");
        }
        if (!Double.isFinite(value)) throw new IllegalArgumentException(form);
        return new Override(text.substring(0, colon), value);
    }

    /** The value in full (as {@link Numbers#plain}), with the locale's decimal separator and no grouping. */
    public String format(double value) {
        String plain = Numbers.plain(value);
        return decimal == '.' ? plain : plain.replace('.', decimal);
    }

    private static boolean spaceLike(char c) {
        return c == ' ' || c == '\u00a0' || c == '\u202f';
    }
}
