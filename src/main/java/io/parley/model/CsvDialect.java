package io.parley.model;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.regex.Pattern;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * The CSV downloads in the dialect a spreadsheet's locale opens and saves: {@code rfc4180} (commas,
 * decimal points; the default) or {@code excel-eu} (semicolons, decimal commas and a UTF-8 byte-order
 * mark, as Excel writes CSV where the comma is the decimal mark), so that an account manager in Germany
 * can open a download, edit it and upload it again. {@code bom} puts the byte-order mark before any
 * dialect (without it, Excel opens UTF-8 as its ANSI code page: Δ becomes Î”).
 */
public final class CsvDialect {

    public static final String RFC4180 = "rfc4180";
    public static final String EXCEL_EU = "excel-eu";
    public static final List<String> NAMES = List.of(RFC4180, EXCEL_EU);
    public static final String BOM = "\uFEFF";
    /** RFC 4180's record separator, which Excel writes in either dialect. */
    public static final String EOL = "\r\n";

    /** A number cell as the service's CSV writer writes one: plain decimals, no exponent. */
    private static final Pattern NUMBER = Pattern.compile("-?[0-9]+(\\.[0-9]+)?");

    private CsvDialect() {
    }

    /** {@code csv}, written as RFC 4180 with plain-decimal numbers, in {@code dialect}, with a byte-order mark when asked or the dialect has one. */
    public static String write(String csv, String dialect, boolean bom) {
        boolean eu = EXCEL_EU.equals(dialect);
        String body = eu ? excelEu(csv) : csv;
        return bom || eu ? BOM + body : body;
    }

    private static String excelEu(String csv) {
        StringBuilder out = new StringBuilder(csv.length() + 16);
        try (CSVParser parser = CSVParser.parse(csv, CSVFormat.RFC4180)) {
            for (CSVRecord record : parser) {
                for (int i = 0; i < record.size(); i++) {
                    if (i > 0) out.append(';');
                    String cell = record.get(i);
                    out.append(NUMBER.matcher(cell).matches() ? cell.replace('.', ',') : quoted(cell));
                }
                out.append(EOL);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static String quoted(String text) {
        boolean quote = text.contains(";") || text.contains("\"") || text.contains("\n") || text.contains("\r");
        return quote ? "\"" + text.replace("\"", "\"\"") + "\"" : text;
    }
}
