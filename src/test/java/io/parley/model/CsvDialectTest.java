package io.parley.model;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CsvDialectTest {

    private static final String RFC4180 = "period,figure,value\r\n1,\"cogs, trays\",-1234.5\r\n2,'=x,7\r\n";

    @Test
    void excelEuHasSemicolonsDecimalCommasAndAByteOrderMark() {
        assertThat(CsvDialect.write(RFC4180, "excel-eu", false))
                .isEqualTo("\uFEFFperiod;figure;value\r\n1;cogs, trays;-1234,5\r\n2;'=x;7\r\n");
    }

    @Test
    void aTextCellWithASemicolonIsQuotedInExcelEu() {
        assertThat(CsvDialect.write("note\r\n\"a;b \"\"c\"\"\"\r\n", "excel-eu", false))
                .isEqualTo("\uFEFFnote\r\n\"a;b \"\"c\"\"\"\r\n");
    }

    @Test
    void rfc4180IsLeftAsItIsWithAByteOrderMarkOnlyWhenAsked() {
        assertThat(CsvDialect.write(RFC4180, "rfc4180", false)).isEqualTo(RFC4180);
        assertThat(CsvDialect.write(RFC4180, "rfc4180", true)).isEqualTo("\uFEFF" + RFC4180);
    }
}
