package io.parley.store;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/** An API key as stored: a credential with a name, roles and when it was last used. */
@Entity
@Table(name = "api_key")
public class ApiKeyEntity extends CredentialEntity {

    @Column(nullable = false, length = 200)
    public String name;

    /** Role names, comma-separated. */
    @Column(nullable = false, length = 100)
    public String roles;

    @Column(name = "last_used_at")
    public Instant lastUsedAt;
}
