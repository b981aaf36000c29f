package io.parley.api;

import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;

/**
 * The methods each resource path answers, read from the resources' annotations, for the {@code Allow}
 * header of a 405 (RESTEasy Reactive's NotAllowedException does not carry them).
 */
final class AllowedMethods {

    private static final List<Class<?>> RESOURCES = List.of(
            EvaluationResource.class, CompareResource.class, MetricsResource.class, ContractResource.class,
            AnalysisResource.class, SweepResource.class, OptimizeResource.class, UncertaintyResource.class,
            PlansResource.class, PlanScenariosResource.class, PlanOverviewResource.class, PlanActualsResource.class);
    private static final Map<String, Set<String>> BY_PATH = scan();

    private AllowedMethods() {
    }

    static Set<String> at(String path) {
        String normalised = path.endsWith("/") && path.length() > 1 ? path.substring(0, path.length() - 1) : path;
        Set<String> exact = BY_PATH.get(normalised);
        if (exact != null) return exact;
        // templated paths: /api/v1/plans/{id} matches /api/v1/plans/7
        for (Map.Entry<String, Set<String>> e : BY_PATH.entrySet()) {
            if (e.getKey().contains("{") && normalised.matches(e.getKey().replaceAll("\\{[^/]+}", "[^/]+"))) {
                return e.getValue();
            }
        }
        return Set.of();
    }

    private static Map<String, Set<String>> scan() {
        Map<String, Set<String>> byPath = new TreeMap<>();
        for (Class<?> resource : RESOURCES) {
            String base = resource.getAnnotation(Path.class).value();
            for (Method method : resource.getDeclaredMethods()) {
                for (var annotation : method.getAnnotations()) {
                    HttpMethod http = annotation.annotationType().getAnnotation(HttpMethod.class);
                    if (http != null) {
                        Path sub = method.getAnnotation(Path.class);
                        String path = sub == null ? base : base + (sub.value().startsWith("/") ? "" : "/") + sub.value();
                        byPath.computeIfAbsent(path, p -> new TreeSet<>()).add(http.value());
                    }
                }
            }
        }
        return byPath;
    }
}
