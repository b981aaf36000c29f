package io.parley.model;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** An include decision names a service of the terms; anything else, malformed or not, is no service. */
class ServiceOfTermsTest {

    @Test
    void aServiceOfTheTermsIsReadAsOne() {
        assertThat(LeverPath.serviceOfTerms("terms.services[vmi]")).map(LeverPath::toString).contains("terms.services[vmi]");
        assertThat(LeverPath.serviceOfTerms("terms.services[vmi]").orElseThrow().then("costPerYear"))
                .hasToString("terms.services[vmi].costPerYear");
    }

    @Test
    void otherPathsAndMalformedTextAreNoService() {
        assertThat(LeverPath.serviceOfTerms("baseline.services[vmi]")).isEmpty();
        assertThat(LeverPath.serviceOfTerms("terms.services[vmi].costPerYear")).isEmpty();
        assertThat(LeverPath.serviceOfTerms("terms.paymentDays")).isEmpty();
        assertThat(LeverPath.serviceOfTerms("terms.services[")).isEmpty();
    }
}
