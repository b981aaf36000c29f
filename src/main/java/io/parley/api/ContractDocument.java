package io.parley.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import jakarta.ws.rs.core.EntityTag;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import io.parley.model.Sha256;

/**
 * The contract ({@value #SPEC}, copied there by the build from openapi.yaml) in its two forms: the YAML
 * file byte for byte, and the same document as JSON, made on the first request that asks for it and
 * kept. Each with its SHA-256 as a strong ETag. Making the JSON costs as much CPU as a tenth of the
 * service's start, which is why it is not made at start.
 */
final class ContractDocument {

    private static final String SPEC = "META-INF/openapi.yaml";

    /** The bytes and their strong ETag. */
    record Form(byte[] bytes, EntityTag etag) {
        static Form of(byte[] bytes) {
            return new Form(bytes, new EntityTag(Sha256.hex(bytes)));
        }
    }

    private static final class Yaml {
        static final Form FORM = Form.of(read());
    }

    private static final class Json {
        static final Form FORM = Form.of(toJson(Yaml.FORM.bytes()));
    }

    private ContractDocument() {
    }

    static Form yaml() {
        return Yaml.FORM;
    }

    /** Made once, by the first caller (the class holder's initialisation is the lock). */
    static Form json() {
        return Json.FORM;
    }

    /** The YAML document as JSON: the same tree, written compactly. */
    static byte[] toJson(byte[] yaml) {
        try {
            return new ObjectMapper().writeValueAsBytes(new YAMLMapper().readTree(yaml));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] read() {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(SPEC)) {
            if (in == null) {
                throw new IllegalStateException(SPEC + " is missing from the build");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
