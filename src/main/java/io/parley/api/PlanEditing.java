package io.parley.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.parley.document.PlanJson;
import io.parley.identity.AccessRules;
import io.parley.identity.Caller;
import io.parley.identity.Permission;
import io.parley.plan.PlanEditors;
import io.parley.plan.PlanService;
import io.parley.plan.StoredPlan;

/**
 * Asked by {@link Authentication} once the caller is known and its roles allow the request: a change
 * of a stored plan (every operation whose rule is {@link Permission#WRITE_PLANS} under
 * {@code /api/v1/plans/{id}}) by a caller who is not an administrator needs the plan to name the
 * caller ({@link PlanEditors}); else 403 naming the rule. The plan is the caller's tenant's, so the
 * 403 confirms nothing another tenant could not see; a plan that is not there (or another tenant's)
 * is left to the resource, which answers 404. Applied there, once for every such path, so no new plan
 * operation can forget it.
 */
@ApplicationScoped
public class PlanEditing {

    private static final Pattern STORED_PLAN = Pattern.compile("/api/v1/plans/([0-9]{1,18})(/.*)?");

    @Inject PlanService plans;
    @Inject ObjectMapper mapper;

    /** Why {@code caller} may not make this change of a stored plan; empty when it may, or when it is none. */
    Optional<String> refusal(String method, String path, Caller caller) {
        if (AccessRules.required(method, path).orElse(null) != Permission.WRITE_PLANS) return Optional.empty();
        Matcher m = STORED_PLAN.matcher(path);
        if (!m.matches()) return Optional.empty();
        Optional<StoredPlan> plan = plans.read(Long.parseLong(m.group(1)));
        if (plan.isEmpty()) return Optional.empty();
        return PlanEditors.refusal(caller, PlanJson.value(document(plan.get())));
    }

    private JsonNode document(StoredPlan plan) {
        try {
            return mapper.readTree(plan.document());
        } catch (IOException e) {
            throw new UncheckedIOException("a stored plan document does not parse", e);
        }
    }
}
