package io.parley.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.ext.Provider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.parley.document.PlanJson;
import io.parley.identity.AccessRules;
import io.parley.identity.Caller;
import io.parley.identity.CurrentCaller;
import io.parley.identity.Permission;
import io.parley.plan.PlanEditors;
import io.parley.plan.PlanService;
import io.parley.plan.StoredPlan;

/**
 * After {@link Authentication}: a change of a stored plan (every operation whose rule is
 * {@link Permission#WRITE_PLANS} under {@code /api/v1/plans/{id}}) by a caller who is not an
 * administrator needs the plan to name the caller ({@link PlanEditors}); else 403 naming the rule.
 * The plan is the caller's tenant's, so the 403 confirms nothing another tenant could not see; a
 * plan that is not there (or another tenant's) is left to the resource, which answers 404.
 * Applied here, once for every such path, so no new plan operation can forget it.
 */
@Provider
@Priority(Priorities.AUTHORIZATION)
public class PlanEditing implements ContainerRequestFilter {

    private static final Pattern STORED_PLAN = Pattern.compile("/api/v1/plans/([0-9]{1,18})(/.*)?");

    private final CurrentCaller current;
    private final PlanService plans;
    private final ObjectMapper mapper;

    public PlanEditing(CurrentCaller current, PlanService plans, ObjectMapper mapper) {
        this.current = current;
        this.plans = plans;
        this.mapper = mapper;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        String path = request.getUriInfo().getRequestUri().getRawPath();
        if (AccessRules.required(request.getMethod(), path).orElse(null) != Permission.WRITE_PLANS) return;
        Matcher m = STORED_PLAN.matcher(path);
        Optional<Caller> caller = current.get();
        if (!m.matches() || caller.isEmpty()) return;
        Optional<StoredPlan> plan = plans.read(Long.parseLong(m.group(1)));
        if (plan.isEmpty()) return;
        PlanEditors.refusal(caller.get(), PlanJson.value(document(plan.get()))).ifPresent(why ->
                request.abortWith(Authentication.refused(Problem.of(Problem.Kind.FORBIDDEN).detail(why), path, null)));
    }

    private JsonNode document(StoredPlan plan) {
        try {
            return mapper.readTree(plan.document());
        } catch (IOException e) {
            throw new UncheckedIOException("a stored plan document does not parse", e);
        }
    }
}
