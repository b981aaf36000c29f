package io.parley.api;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

import io.parley.identity.AccessRules;
import io.parley.identity.Permission;
import io.parley.identity.Role;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The roles the contract declares for each operation ({@code x-parley-roles}) are the roles that
 * identity/AccessRules and the roles' grants let in: a role the contract says may call an operation
 * and the rules refuse, or the other way round, fails here. The authorisation matrix
 * (AuthorisationMatrixApiTest) then checks the running service against the contract.
 */
class ContractRolesTest {

    private static final ContractOperations CONTRACT = ContractOperations.read();

    @Test
    void everySecuredOperationDeclaresTheRolesTheAccessRulesLetIn() {
        assertThat(CONTRACT.all()).hasSizeGreaterThan(40);
        for (ContractOperations.Operation op : CONTRACT.all()) {
            Optional<Permission> needed = AccessRules.required(op.method().toUpperCase(), concrete(op.path()));
            if (op.isPublic()) {
                assertThat(needed).as(op + " is public in the contract").isEmpty();
                assertThat(op.roles()).as(op + " is public: no roles").isEmpty();
                continue;
            }
            assertThat(needed).as(op + " needs a caller in the contract").isPresent();
            Set<String> granted = new TreeSet<>();
            for (Role r : EnumSet.allOf(Role.class)) if (r.grants(needed.get())) granted.add(r.apiName());
            assertThat(op.roles()).as(op + ": x-parley-roles against AccessRules (" + needed.get() + ")").isEqualTo(granted);
        }
    }

    @Test
    void everySecuredOperationDeclaresTheRefusalsItCanAnswer() {
        for (ContractOperations.Operation op : CONTRACT.all()) {
            if (op.isPublic()) continue;
            assertThat(op.node().path("responses").has("401")).as(op + " declares 401").isTrue();
            if (op.roles().size() < Role.values().length || op.changesAStoredPlan()) {
                assertThat(op.node().path("responses").has("403")).as(op + " declares 403").isTrue();
            }
            if (op.hasPathParameters()) {
                assertThat(op.node().path("responses").has("404")).as(op + " declares 404 (another tenant's)").isTrue();
            }
        }
    }

    /** A path of the template with every parameter given a value: what AccessRules reads. */
    static String concrete(String template) {
        return template.replaceAll("\\{[^}]+}", "1");
    }
}
