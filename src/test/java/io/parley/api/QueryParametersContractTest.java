package io.parley.api;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The query parameters each resource method declares ({@link QueryParameters}, none when absent) are
 * the {@code in: query} parameters openapi.yaml lists for its operation, so the declaration the
 * service enforces ({@link KnownQueryParameters}) and the contract cannot drift apart. The spreadsheet
 * link ({@code ?link=}) is a credential, not an operation's parameter, and is left out of both.
 */
class QueryParametersContractTest {

    private static final ContractOperations CONTRACT = ContractOperations.read();

    @Test
    void everyResourceMethodDeclaresTheQueryParametersOfItsOperation() {
        Map<String, Set<String>> contract = contractQueries();
        Map<String, Set<String>> declared = declaredQueries();
        assertThat(declared).as("resource methods found").hasSizeGreaterThan(40);
        for (Map.Entry<String, Set<String>> method : declared.entrySet()) {
            assertThat(contract).as(method.getKey() + " is an operation of the contract").containsKey(method.getKey());
            assertThat(method.getValue()).as(method.getKey() + ": @QueryParameters against openapi.yaml")
                    .isEqualTo(contract.get(method.getKey()));
        }
    }

    @Test
    void onlyPublicReadsIgnoreTheQuery() {
        List<String> ignoring = new ArrayList<>();
        for (Method m : resourceMethods()) {
            QueryParameters q = m.getAnnotation(QueryParameters.class);
            if (q != null && q.othersIgnored()) ignoring.add(operation(m));
        }
        // a cache buster or monitor's parameter changes nothing in these answers
        assertThat(ignoring).containsExactlyInAnyOrder("GET /api/v1/metrics", "GET /openapi.yaml", "GET /openapi.json");
    }

    /** "GET /api/v1/plans/{id}" → the names of its query parameters, from openapi.yaml. */
    private static Map<String, Set<String>> contractQueries() {
        Map<String, Set<String>> queries = new TreeMap<>();
        for (ContractOperations.Operation op : CONTRACT.all()) {
            Set<String> names = new TreeSet<>();
            for (JsonNode p : op.parameters()) {
                if ("query".equals(p.path("in").asText())) names.add(p.path("name").asText());
            }
            names.remove(Authentication.LINK);
            queries.put(op.method().toUpperCase() + " " + op.path(), names);
        }
        return queries;
    }

    private static Map<String, Set<String>> declaredQueries() {
        Map<String, Set<String>> queries = new TreeMap<>();
        for (Method m : resourceMethods()) {
            QueryParameters q = m.getAnnotation(QueryParameters.class);
            Set<String> names = new TreeSet<>(q == null ? List.of() : List.of(q.value()));
            assertThat(queries.put(operation(m), names)).as(operation(m) + " is served once").isNull();
        }
        return queries;
    }

    /** Every method of a resource class in api/ that answers an HTTP method. */
    private static List<Method> resourceMethods() {
        List<Method> methods = new ArrayList<>();
        for (JavaClass c : new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.parley.api")) {
            if (!c.isAnnotatedWith(Path.class)) continue;
            for (Method m : c.reflect().getDeclaredMethods()) {
                if (httpMethod(m) != null) methods.add(m);
            }
        }
        return methods;
    }

    private static String httpMethod(Method m) {
        for (var a : m.getAnnotations()) {
            HttpMethod h = a.annotationType().getAnnotation(HttpMethod.class);
            if (h != null) return h.value();
        }
        return null;
    }

    /** The operation a resource method answers: "POST /api/v1/plans/{id}/scenarios". */
    private static String operation(Method m) {
        String path = m.getDeclaringClass().getAnnotation(Path.class).value();
        Path sub = m.getAnnotation(Path.class);
        if (sub != null) path = path.replaceAll("/$", "") + "/" + sub.value().replaceAll("^/", "");
        return httpMethod(m) + " " + path;
    }
}
