package io.parley.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

class NonFiniteAsNullTest {

    record Figures(double margin, Double boxed, double[] series, double[][] table, long count) {
    }

    @Test
    void nonFiniteDoublesAreWrittenNullAndFiniteOnesUnchanged() throws JsonProcessingException {
        ObjectMapper mapper = new ObjectMapper();
        new NonFiniteAsNull().customize(mapper);
        Figures f = new Figures(Double.NaN, Double.POSITIVE_INFINITY, new double[] {1.5, Double.NaN, -2},
                new double[][] {{Double.NEGATIVE_INFINITY, 0.1}}, 7);
        assertThat(mapper.writeValueAsString(f)).isEqualTo(
                "{\"margin\":null,\"boxed\":null,\"series\":[1.5,null,-2.0],\"table\":[[null,0.1]],\"count\":7}");
    }
}
