package io.parley.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;

import jakarta.ws.rs.NotAcceptableException;
import jakarta.ws.rs.core.MediaType;

import org.junit.jupiter.api.Test;

class FormatTest {

    private static List<MediaType> accept(String... ranges) {
        return Arrays.stream(ranges).map(MediaType::valueOf).toList();
    }

    @Test
    void jsonWinsWhenJsonAndCsvAreEquallyAcceptable() {
        assertThat(Format.negotiate(accept("text/csv", "application/json"), Format.JSON, Format.CSV)).isEqualTo(Format.JSON);
        assertThat(Format.negotiate(accept("*/*"), Format.JSON, Format.CSV, Format.NDJSON)).isEqualTo(Format.JSON);
    }

    @Test
    void theHigherQualityWins() {
        assertThat(Format.negotiate(accept("application/json;q=0.5", "text/csv"), Format.JSON, Format.CSV))
                .isEqualTo(Format.CSV);
        assertThat(Format.negotiate(accept("text/csv;q=0.2", "application/x-ndjson;q=0.9"),
                Format.JSON, Format.CSV, Format.NDJSON)).isEqualTo(Format.NDJSON);
    }

    @Test
    void theMostSpecificRangeGivesTheQuality() {
        // */* would give JSON q=1, but the client says JSON only at 0.1
        assertThat(Format.negotiate(accept("*/*", "application/json;q=0.1"), Format.JSON, Format.CSV))
                .isEqualTo(Format.CSV);
    }

    @Test
    void aFormatAtQualityZeroIsRefused() {
        assertThatThrownBy(() -> Format.negotiate(accept("application/json;q=0", "application/xml"), Format.JSON, Format.CSV))
                .isInstanceOf(NotAcceptableException.class);
    }

    @Test
    void aReadWithOneTextFormatAnswersItWhateverTheAcceptAsks() {
        for (String accept : List.of("application/json", "application/problem+json", "*/*", "text/html")) {
            assertThat(Format.negotiate(accept(accept), Format.TEXT)).isEqualTo(Format.TEXT);
            assertThat(Format.negotiate(accept(accept), Format.CSV)).isEqualTo(Format.CSV);
        }
    }
}
