package io.parley.identity;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;

/**
 * Secure by default without an identity provider: on first start (no administrator key in the
 * default tenant) a new administrator key is created, its secret written to a file only its owner can
 * read, and the file's path logged, so the README's {@code $(cat data/admin.key)} works at once.
 */
@ApplicationScoped
public class AdminKeyBootstrap {

    private static final Logger LOG = Logger.getLogger(AdminKeyBootstrap.class);
    /** Who the audit trail and the key list say created these keys. */
    static final String CREATOR = "bootstrap";

    private final ApiKeyRepository keys;
    private final IdentityConfig config;

    public AdminKeyBootstrap(ApiKeyRepository keys, IdentityConfig config) {
        this.keys = keys;
        this.config = config;
    }

    void onStart(@Observes StartupEvent started) {
        Instant now = Instant.now();
        config.seedAdminKey().ifPresent(secret -> register(secret, "seed administrator", now));
        if (!config.createAdminKey()) return;
        Path file = config.adminKeyFile().toAbsolutePath();
        if (Files.exists(file)) {
            // a fresh database beside a kept file (the data folder restored, the store replaced): the file's key counts
            if (!keys.hasAdministrator(config.defaultTenant(), now)) register(read(file), "administrator", now);
            LOG.infof("The administrator API key is in %s", file);
            return;
        }
        if (keys.hasAdministrator(config.defaultTenant(), now)) return;
        String secret = ApiKeySecret.generate();
        write(file, secret);
        register(secret, "administrator", now);
        LOG.infof("Created an administrator API key in %s (readable by its owner only); "
                + "send it as 'Authorization: Bearer $(cat %s)'", file, file);
    }

    private void register(String secret, String name, Instant now) {
        String hash = ApiKeySecret.hash(secret);
        if (keys.byHash(hash).isPresent()) return;
        keys.create(hash, name, config.defaultTenant(), EnumSet.allOf(Role.class), Optional.empty(), CREATOR, now);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            throw new UncheckedIOException("the administrator key file " + file + " cannot be read", e);
        }
    }

    /** Creates the file owner-only from the start (0600), so the secret is never readable by others. */
    static void write(Path file, String secret) {
        try {
            if (file.getParent() != null) Files.createDirectories(file.getParent());
            try {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException notPosix) {
                Files.createFile(file);
            }
            Files.writeString(file, secret + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("the administrator key file " + file + " cannot be written", e);
        }
    }
}
