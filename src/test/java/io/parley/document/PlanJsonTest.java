package io.parley.document;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.parley.plan.AccountPlan;
import io.parley.plan.PlanChange;

class PlanJsonTest {

    private final ObjectMapper mapper = new ObjectMapper();

    /**
     * Generated clients send {@code []} for the fields they were not given, and the reader takes that as absent.
     * Found by the contract fuzz test: a plan stored with {@code "agreementStart": []} was read back as the date ""
     * and every later write to it answered 500. What is read as absent is not stored.
     */
    @Test
    void anEmptyListGivenForAFieldThatIsNoListIsNotStored() throws Exception {
        JsonNode body = mapper.readTree("""
                {"plan": {"account": {"name": "Acme", "industry": []}, "owner": "Dana Reyes", "relationship": "consultative",
                  "agreementStart": [], "reviewCadence": [], "nextReview": [], "team": [],
                  "stakeholders": [{"name": "Ann Lee", "role": "CPO", "influence": "high", "attitude": "neutral",
                                    "relationshipOwner": []}]}}""");

        PlanChange change = PlanJson.change(body, "dana");

        JsonNode stored = mapper.readTree(change.document());
        assertThat(stored.has("agreementStart")).isFalse();
        assertThat(stored.has("reviewCadence")).isFalse();
        assertThat(stored.has("nextReview")).isFalse();
        assertThat(stored.get("account").has("industry")).isFalse();
        assertThat(stored.get("stakeholders").get(0).has("relationshipOwner")).isFalse();
        assertThat(stored.get("team").isArray()).isTrue(); // a list field keeps its empty list
        AccountPlan plan = PlanJson.value(stored);
        assertThat(plan.agreementStart()).isNull();
        assertThat(plan.stakeholders().get(0).relationshipOwner()).isNull();
        assertThat(change.nextReview()).isNull();
    }
}
