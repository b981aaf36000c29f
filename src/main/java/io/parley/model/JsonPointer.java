package io.parley.model;

/** RFC 6901 JSON pointers for naming the field a violation is about. */
public final class JsonPointer {

    private JsonPointer() {
    }

    /** Escapes one reference token: {@code ~} as {@code ~0}, {@code /} as {@code ~1}. */
    public static String token(String raw) {
        return raw.replace("~", "~0").replace("/", "~1");
    }

    public static String child(String parent, String name) {
        return parent + "/" + token(name);
    }

    public static String child(String parent, int index) {
        return parent + "/" + index;
    }
}
