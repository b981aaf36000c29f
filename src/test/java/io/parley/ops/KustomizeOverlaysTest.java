package io.parley.ops;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.batch.v1.Job;

import static io.parley.ops.KubernetesManifestsTest.K8S;
import static io.parley.ops.KubernetesManifestsTest.one;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * Every kustomization in k8s/ (the base, the sweep Job, each environment's overlay) renders, as
 * {@code kubectl kustomize} renders it, into valid Kubernetes objects that still agree with the
 * application: the same checks KubernetesManifestsTest makes of the files, made of what an operator
 * would apply. Where kubectl is installed, the renderer's output is compared with kubectl's own.
 */
class KustomizeOverlaysTest {

    static final List<String> KUSTOMIZATIONS = List.of("base", "jobs", "overlays/staging", "overlays/production",
            "overlays/production/sweep");
    static final String REGISTRY = "registry.example.com/parley/parley";

    static List<HasMetadata> rendered(String kustomization) throws IOException {
        List<HasMetadata> objects = new ArrayList<>();
        for (ObjectNode doc : Kustomize.render(K8S.resolve(kustomization))) {
            objects.add(KubernetesManifestsTest.typed(doc, kustomization + " rendered: " + doc.path("kind").asText()));
        }
        return objects;
    }

    @Test
    void everyKustomizationUnderK8sIsRendered() throws IOException {
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(K8S)) {
            files.filter(p -> p.endsWith("kustomization.yaml")).forEach(p -> found.add(K8S.relativize(p.getParent()).toString()));
        }
        assertThat(found).containsExactlyInAnyOrderElementsOf(KUSTOMIZATIONS);
    }

    @ParameterizedTest
    @ValueSource(strings = {"base", "overlays/staging", "overlays/production"})
    void theServiceRendersAndAgreesWithTheApplication(String kustomization) throws IOException {
        List<HasMetadata> objects = rendered(kustomization);
        assertThat(objects).extracting(o -> o.getKind() + "/" + o.getMetadata().getName()).containsExactlyInAnyOrder(
                "ConfigMap/parley-config", "ConfigMap/parley-grafana-dashboard", "Deployment/parley", "Service/parley",
                "HorizontalPodAutoscaler/parley", "PodDisruptionBudget/parley");
        KubernetesManifestsTest.probesPortsAndResourcesAgree(objects);
        KubernetesManifestsTest.migrationsRunOnce(objects);
        KubernetesManifestsTest.everyEnvironmentNameIsARuntimeProperty(objects);
        Deployment deployment = one(objects, Deployment.class, "parley");
        Container parley = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
        // the heap is a share of the memory limit, so a pod is given as much memory as it may use
        assertThat(parley.getResources().getRequests().get("memory")).isEqualTo(parley.getResources().getLimits().get("memory"));
        assertThat(cpu(parley.getResources().getRequests().get("cpu"))).isLessThanOrEqualTo(cpu(parley.getResources().getLimits().get("cpu")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"jobs", "overlays/production/sweep"})
    void theSweepJobRendersAndAgreesWithTheApplication(String kustomization) throws IOException {
        List<HasMetadata> objects = rendered(kustomization);
        assertThat(objects).extracting(o -> o.getKind() + "/" + o.getMetadata().getName())
                .containsExactlyInAnyOrder("PersistentVolumeClaim/parley-sweep-results", "Job/parley-sweep");
        KubernetesManifestsTest.sweepJobRunsOneShardPerCompletion(objects);
        KubernetesManifestsTest.everyEnvironmentNameIsARuntimeProperty(objects);
        assertThat(one(objects, Job.class, "parley-sweep").getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
                .isEqualTo(kustomization.equals("jobs") ? "parley/parley:0.1.0-SNAPSHOT" : REGISTRY + ":0.1.0");
    }

    @Test
    void productionRunsItsReleasedImageInItsNamespaceOnThreeToTwentyLargerPods() throws IOException {
        List<HasMetadata> objects = rendered("overlays/production");
        objects.forEach(o -> {
            assertThat(o.getMetadata().getNamespace()).isEqualTo("parley");
            assertThat(o.getMetadata().getLabels()).containsEntry("app.kubernetes.io/instance", "production");
        });
        Deployment deployment = one(objects, Deployment.class, "parley");
        // the selector is the base's: a label added to it would orphan the running pods on the next apply
        assertThat(deployment.getSpec().getSelector().getMatchLabels()).containsExactly(Map.entry("app.kubernetes.io/name", "parley"));
        var pod = deployment.getSpec().getTemplate().getSpec();
        assertThat(Stream.concat(pod.getContainers().stream(), pod.getInitContainers().stream()))
                .extracting(Container::getImage).containsOnly(REGISTRY + ":0.1.0");
        Container parley = pod.getContainers().get(0);
        assertThat(parley.getResources().getLimits()).containsEntry("cpu", new Quantity("4")).containsEntry("memory", new Quantity("2Gi"));
        // the patch merged into the named container: its probes and environment are the base's still
        assertThat(parley.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/q/health/ready");
        assertThat(KubernetesManifestsTest.value(parley, "QUARKUS_FLYWAY_MIGRATE_AT_START")).isEqualTo("false");
        HorizontalPodAutoscaler hpa = one(objects, HorizontalPodAutoscaler.class, "parley");
        assertThat(hpa.getSpec().getMinReplicas()).isEqualTo(3);
        assertThat(hpa.getSpec().getMaxReplicas()).isEqualTo(20);
        assertThat(hpa.getSpec().getMetrics()).hasSize(1); // the base's CPU target, untouched
        ConfigMap config = one(objects, ConfigMap.class, "parley-config");
        assertThat(config.getData()).containsEntry("QUARKUS_OTEL_SDK_DISABLED", "false")
                .containsEntry("PARLEY_LIMITS_MAX_BODY_BYTES", "2097152"); // the base's keys stay
    }

    @Test
    void stagingRunsTheReleaseCandidateOnTwoToFourSmallerPods() throws IOException {
        List<HasMetadata> objects = rendered("overlays/staging");
        objects.forEach(o -> assertThat(o.getMetadata().getNamespace()).isEqualTo("parley-staging"));
        Container parley = one(objects, Deployment.class, "parley").getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(parley.getImage()).isEqualTo(REGISTRY + ":0.1.0-rc.1");
        assertThat(parley.getResources().getLimits()).containsEntry("memory", new Quantity("768Mi"));
        HorizontalPodAutoscaler hpa = one(objects, HorizontalPodAutoscaler.class, "parley");
        assertThat(hpa.getSpec().getMinReplicas()).isEqualTo(2);
        assertThat(hpa.getSpec().getMaxReplicas()).isEqualTo(4);
        assertThat(one(objects, ConfigMap.class, "parley-config").getData()).containsEntry("QUARKUS_LOG_LEVEL", "DEBUG");
    }

    @Test
    void aStrategicMergePatchMergesContainersByNameAndReplacesOtherLists() throws IOException {
        ObjectNode target = (ObjectNode) Kustomize.YAML.readTree("""
                spec: {containers: [{name: a, image: x, args: [one, two]}, {name: b, image: y}], tolerations: [{key: k}]}
                """);
        Kustomize.merge(target, Kustomize.YAML.readTree("""
                spec: {containers: [{name: b, image: z}, {name: c, image: w}], tolerations: [{key: t}]}
                """));
        assertThat(target).isEqualTo(Kustomize.YAML.readTree("""
                spec: {containers: [{name: a, image: x, args: [one, two]}, {name: b, image: z}, {name: c, image: w}], tolerations: [{key: t}]}
                """));
    }

    @Test
    void aKustomizationUsingAFeatureTheRendererLacksIsRefusedByName(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("kustomization.yaml"), "resources: []\nnamePrefix: staging-\n");
        assertThatThrownBy(() -> Kustomize.render(dir)).hasMessageContaining("uses namePrefix");
    }

    /** The renderer is checked against the real one: kubectl's built-in Kustomize, where it is installed. */
    @ParameterizedTest
    @ValueSource(strings = {"base", "jobs", "overlays/staging", "overlays/production", "overlays/production/sweep"})
    void theRendererWritesWhatKubectlKustomizeWrites(String kustomization) throws Exception {
        assumeThat(kubectl()).as("kubectl is not installed; the renderer is checked against it where it is").isNotNull();
        Process p = new ProcessBuilder(kubectl(), "kustomize", K8S.resolve(kustomization).toString()).redirectErrorStream(true).start();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (InputStream in = p.getInputStream()) {
            in.transferTo(out);
        }
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out.toString(StandardCharsets.UTF_8)).isZero();
        Map<String, JsonNode> theirs = new TreeMap<>();
        for (JsonNode doc : Kustomize.YAML.readValues(new YAMLFactory().createParser(out.toByteArray()), JsonNode.class).readAll()) {
            theirs.put(id(doc), doc);
        }
        Map<String, JsonNode> ours = new TreeMap<>();
        Kustomize.render(K8S.resolve(kustomization)).forEach(doc -> ours.put(id(doc), doc));
        assertThat(ours).isEqualTo(theirs);
    }

    private static String id(JsonNode doc) {
        return doc.path("kind").asText() + "/" + doc.path("metadata").path("namespace").asText() + "/" + doc.path("metadata").path("name").asText();
    }

    private static String kubectl() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(dir, "kubectl");
            if (Files.isExecutable(candidate)) return candidate.toString();
        }
        return null;
    }

    private static double cpu(Quantity q) {
        return Quantity.getAmountInBytes(q).doubleValue();
    }
}
