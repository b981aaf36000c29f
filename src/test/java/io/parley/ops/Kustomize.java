package io.parley.ops;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

/**
 * Renders a kustomization directory as {@code kubectl kustomize DIR} does, for the few Kustomize
 * features k8s/ uses and no others: {@code resources} (files and directories with their own
 * kustomization), {@code configMapGenerator} (files and literals, without a name hash), {@code patches}
 * given by {@code path} (a strategic merge patch naming its target by kind and name), {@code images},
 * {@code labels} (metadata only) and {@code namespace}. A kustomization using anything else is refused
 * by name rather than rendered wrongly; {@code KustomizeOverlaysTest} compares this renderer with
 * {@code kubectl kustomize} wherever kubectl is installed.
 */
final class Kustomize {

    static final ObjectMapper YAML = new YAMLMapper();
    /** The fields this renderer implements; Kustomize has many more. */
    private static final Set<String> KNOWN = Set.of("apiVersion", "kind", "resources", "configMapGenerator", "patches",
            "images", "labels", "namespace");
    /**
     * The lists a strategic merge patch merges item by item, by the key the Kubernetes API declares as
     * their {@code patchMergeKey}; every other list is replaced whole.
     */
    private static final Map<String, String> MERGE_KEYS = Map.of("containers", "name", "initContainers", "name",
            "env", "name", "volumes", "name", "volumeMounts", "name");

    private Kustomize() {
    }

    /** The objects {@code kubectl kustomize dir} writes, in the order the resources list them. */
    static List<ObjectNode> render(Path dir) throws IOException {
        JsonNode k = YAML.readTree(dir.resolve("kustomization.yaml").toFile());
        k.fieldNames().forEachRemaining(field -> {
            if (!KNOWN.contains(field)) throw unsupported(dir, field);
        });
        List<ObjectNode> objects = new ArrayList<>();
        for (JsonNode resource : k.path("resources")) {
            Path at = dir.resolve(resource.asText()).normalize();
            if (Files.isDirectory(at)) {
                objects.addAll(render(at));
            } else {
                for (JsonNode doc : YAML.readValues(new YAMLFactory().createParser(at.toFile()), JsonNode.class).readAll()) {
                    if (doc != null && !doc.isEmpty()) objects.add((ObjectNode) doc);
                }
            }
        }
        for (JsonNode generator : k.path("configMapGenerator")) objects.add(configMap(dir, generator));
        for (JsonNode patch : k.path("patches")) {
            if (!patch.has("path") || patch.size() != 1) throw unsupported(dir, "patches other than {path: file}");
            JsonNode change = YAML.readTree(dir.resolve(patch.get("path").asText()).toFile());
            ObjectNode target = objects.stream().filter(o -> sameObject(o, change)).findFirst().orElseThrow(() ->
                    new IllegalArgumentException(dir + ": patch " + patch.get("path").asText() + " names no resource"));
            merge(target, change);
        }
        if (k.has("namespace")) objects.forEach(o -> metadata(o).put("namespace", k.get("namespace").asText()));
        for (JsonNode label : k.path("labels")) {
            if (label.path("includeSelectors").asBoolean() || label.path("includeTemplates").asBoolean()) {
                throw unsupported(dir, "labels with includeSelectors or includeTemplates");
            }
            objects.forEach(o -> label.get("pairs").fields().forEachRemaining(pair ->
                    metadata(o).with("labels").put(pair.getKey(), pair.getValue().asText())));
        }
        for (JsonNode image : k.path("images")) objects.forEach(o -> setImage(o, image));
        return objects;
    }

    private static IllegalArgumentException unsupported(Path dir, String feature) {
        return new IllegalArgumentException(dir + "/kustomization.yaml uses " + feature
                + ", which this test's renderer does not implement; render with `kubectl kustomize` and extend Kustomize");
    }

    private static ObjectNode configMap(Path dir, JsonNode generator) throws IOException {
        if (!generator.path("options").path("disableNameSuffixHash").asBoolean()) {
            throw unsupported(dir, "a configMapGenerator with a name hash (set options.disableNameSuffixHash)");
        }
        if (generator.has("behavior") && !generator.get("behavior").asText().equals("create")) {
            throw unsupported(dir, "configMapGenerator behavior " + generator.get("behavior").asText());
        }
        ObjectNode map = YAML.createObjectNode().put("apiVersion", "v1").put("kind", "ConfigMap");
        ObjectNode data = YAML.createObjectNode();
        for (JsonNode file : generator.path("files")) {
            String[] keyAndPath = file.asText().split("=", 2);
            Path path = dir.resolve(keyAndPath[keyAndPath.length - 1]);
            data.put(keyAndPath.length == 2 ? keyAndPath[0] : path.getFileName().toString(), Files.readString(path));
        }
        for (JsonNode literal : generator.path("literals")) {
            String[] pair = literal.asText().split("=", 2);
            data.put(pair[0], pair[1]);
        }
        ObjectNode metadata = map.putObject("metadata");
        if (generator.path("options").has("labels")) metadata.set("labels", generator.get("options").get("labels").deepCopy());
        metadata.put("name", generator.get("name").asText());
        map.set("data", data);
        return map;
    }

    private static boolean sameObject(JsonNode object, JsonNode patch) {
        return object.path("kind").equals(patch.path("kind"))
                && object.path("metadata").path("name").equals(patch.path("metadata").path("name"));
    }

    private static ObjectNode metadata(ObjectNode object) {
        return object.with("metadata");
    }

    /** A strategic merge patch: objects merge field by field, null deletes, keyed lists merge item by item. */
    static void merge(ObjectNode target, JsonNode patch) {
        Iterator<Map.Entry<String, JsonNode>> fields = patch.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String name = field.getKey();
            JsonNode change = field.getValue();
            if (name.startsWith("$")) throw new IllegalArgumentException("patch directive " + name + " is not implemented");
            JsonNode current = target.get(name);
            if (change.isNull()) {
                target.remove(name);
            } else if (change.isObject() && current != null && current.isObject()) {
                merge((ObjectNode) current, change);
            } else if (change.isArray() && current != null && current.isArray() && MERGE_KEYS.containsKey(name)) {
                mergeList((ArrayNode) current, (ArrayNode) change, MERGE_KEYS.get(name));
            } else {
                target.set(name, change.deepCopy());
            }
        }
    }

    private static void mergeList(ArrayNode current, ArrayNode change, String key) {
        for (JsonNode item : change) {
            ObjectNode match = null;
            for (JsonNode existing : current) {
                if (existing.path(key).equals(item.path(key))) match = (ObjectNode) existing;
            }
            if (match == null) {
                current.add(item.deepCopy());
            } else {
                merge(match, item);
            }
        }
    }

    /** The images transformer: every container whose image is {@code name} (with any tag) gets the new name and tag. */
    private static void setImage(ObjectNode object, JsonNode image) {
        JsonNode pod = object.path("spec").path("template").path("spec");
        for (String list : List.of("containers", "initContainers")) {
            for (JsonNode container : pod.path(list)) {
                String current = container.path("image").asText();
                int colon = current.lastIndexOf(':');
                boolean tagged = colon > current.lastIndexOf('/');
                String name = tagged ? current.substring(0, colon) : current;
                if (!name.equals(image.path("name").asText())) continue;
                String newName = image.has("newName") ? image.get("newName").asText() : name;
                String tag = image.has("newTag") ? ":" + image.get("newTag").asText() : tagged ? current.substring(colon) : "";
                ((ObjectNode) container).put("image", newName + tag);
            }
        }
    }
}
