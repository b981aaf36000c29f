package io.parley.ops;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.parley.identity.IdentityConfig;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The manifests in k8s/ are valid Kubernetes objects and agree with the application. Each document
 * loads as its typed fabric8 class with no field left over (a misspelt or misplaced field would be
 * kept aside as an "additional property", which Kubernetes would reject or silently drop); the
 * kustomization lists files that exist; and the Deployment uses the port the service listens on, the
 * health paths it serves, and environment names that set real runtime properties.
 */
class KubernetesManifestsTest {

    static final Path K8S = Path.of("k8s");
    /** The Kustomize base: the service's manifests. */
    static final Path BASE = K8S.resolve("base");
    /** Environments' overlays: patches, not whole objects; KustomizeOverlaysTest renders and checks them. */
    static final Path OVERLAYS = K8S.resolve("overlays");
    static final ObjectMapper YAML = new YAMLMapper();
    /** Reads a document into its class; unknown fields are caught by {@link #leftOver}, which names them. */
    static final ObjectMapper TYPED = JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
    static final Map<String, Class<? extends HasMetadata>> KINDS = Map.of(
            "v1/ConfigMap", ConfigMap.class, "v1/Secret", Secret.class, "v1/Service", Service.class,
            "v1/PersistentVolumeClaim", PersistentVolumeClaim.class, "apps/v1/Deployment", Deployment.class,
            "autoscaling/v2/HorizontalPodAutoscaler", HorizontalPodAutoscaler.class,
            "policy/v1/PodDisruptionBudget", PodDisruptionBudget.class, "batch/v1/Job", Job.class);
    /** Read by the java launcher itself, not by the application's configuration. */
    static final String JAVA_LAUNCHER_OPTIONS = "JDK_JAVA_OPTIONS";

    /** Every Kubernetes document under k8s/ but the overlays' patches, typed. */
    static List<HasMetadata> objects() throws IOException {
        List<HasMetadata> objects = new ArrayList<>();
        try (Stream<Path> files = Files.walk(K8S)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".yaml") && !p.endsWith("kustomization.yaml")
                    && !p.startsWith(OVERLAYS)).sorted().toList()) {
                for (JsonNode doc : YAML.readValues(new YAMLFactory().createParser(file.toFile()), JsonNode.class).readAll()) {
                    objects.add(typed(doc, file.toString()));
                }
            }
        }
        return objects;
    }

    /** A document as its typed Kubernetes class, checked to be a known kind with no unknown field and a name. */
    static HasMetadata typed(JsonNode doc, String from) throws IOException {
        String kind = doc.path("apiVersion").asText() + "/" + doc.path("kind").asText();
        assertThat(KINDS).as("%s: a kind this test knows", from).containsKey(kind);
        HasMetadata object = TYPED.treeToValue(doc, KINDS.get(kind));
        assertThat(leftOver(object, "")).as("%s: fields Kubernetes does not know", from).isEmpty();
        assertThat(object.getMetadata().getName()).as("%s: a name", from).isNotBlank();
        return object;
    }

    /** The paths of fields a typed object kept aside as unknown, anywhere inside it. */
    static List<String> leftOver(Object object, String at) {
        List<String> found = new ArrayList<>();
        walk(object, at, found, new IdentityHashMap<>());
        return found;
    }

    private static void walk(Object object, String at, List<String> found, Map<Object, Boolean> seen) {
        if (object == null || seen.put(object, true) != null) return;
        if (object instanceof Collection<?> items) {
            int i = 0;
            for (Object item : items) walk(item, at + "/" + i++, found, seen);
            return;
        }
        if (object instanceof Map<?, ?> map) {
            map.forEach((k, v) -> walk(v, at + "/" + k, found, seen));
            return;
        }
        if (!object.getClass().getPackageName().startsWith("io.fabric8")) return;
        for (Method getter : object.getClass().getMethods()) {
            if (getter.getParameterCount() != 0 || !getter.getName().startsWith("get") || getter.getName().equals("getClass")) continue;
            try {
                Object value = getter.invoke(object);
                if (getter.getName().equals("getAdditionalProperties")) {
                    ((Map<?, ?>) value).keySet().forEach(k -> found.add(at + "/" + k));
                } else {
                    walk(value, at + "/" + getter.getName().substring(3), found, seen);
                }
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    static <T extends HasMetadata> T one(List<HasMetadata> objects, Class<T> type, String name) {
        return objects.stream().filter(type::isInstance).map(type::cast)
                .filter(o -> o.getMetadata().getName().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void everyManifestIsAKubernetesObjectWithNoUnknownField() throws IOException {
        List<HasMetadata> objects = objects();
        assertThat(objects).extracting(o -> o.getKind() + "/" + o.getMetadata().getName()).contains(
                "Deployment/parley", "Service/parley", "HorizontalPodAutoscaler/parley", "PodDisruptionBudget/parley",
                "ConfigMap/parley-config", "Secret/parley-db", "Secret/parley-sweep-key", "Job/parley-sweep", "PersistentVolumeClaim/parley-sweep-results");
    }

    @Test
    void aMisplacedFieldIsCaught() throws IOException {
        JsonNode doc = YAML.readTree("apiVersion: v1\nkind: Service\nmetadata: {name: x}\nspec:\n  ports:\n    - port: 80\n      targetPorts: http\n");
        assertThat(leftOver(TYPED.treeToValue(doc, Service.class), "")).containsExactly("/Spec/Ports/0/targetPorts");
    }

    @Test
    void theKustomizationListsFilesThatExistAndTheGeneratedDashboard() throws IOException {
        JsonNode kustomization = YAML.readTree(BASE.resolve("kustomization.yaml").toFile());
        List<String> resources = new ArrayList<>();
        kustomization.get("resources").forEach(r -> resources.add(r.asText()));
        assertThat(resources).containsExactlyInAnyOrder("configmap.yaml", "deployment.yaml", "service.yaml", "hpa.yaml", "pdb.yaml");
        resources.forEach(r -> assertThat(BASE.resolve(r)).isRegularFile());
        for (JsonNode generator : kustomization.get("configMapGenerator")) {
            generator.get("files").forEach(f -> assertThat(BASE.resolve(f.asText())).isRegularFile());
        }
        Deployment deployment = one(objects(), Deployment.class, "parley");
        String image = kustomization.get("images").get(0).get("name").asText();
        deployment.getSpec().getTemplate().getSpec().getContainers().forEach(c -> assertThat(c.getImage()).isEqualTo(image));
        deployment.getSpec().getTemplate().getSpec().getInitContainers().forEach(c -> assertThat(c.getImage()).isEqualTo(image));
    }

    @Test
    void theDeploymentProbesTheHealthPathsOnThePortTheServiceListensOn() throws IOException {
        probesPortsAndResourcesAgree(objects());
    }

    /** The Deployment, Service, PDB and HPA agree with each other and with the application's port and health paths. */
    static void probesPortsAndResourcesAgree(List<HasMetadata> objects) {
        Deployment deployment = one(objects, Deployment.class, "parley");
        Container parley = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(parley.getPorts()).singleElement().satisfies(p -> {
            assertThat(p.getContainerPort()).isEqualTo(Integer.parseInt(applicationProperties().getProperty("quarkus.http.port", "8080")));
            assertThat(p.getName()).isEqualTo("http");
        });
        Map<String, HTTPGetAction> probes = Map.of("/q/health/started", parley.getStartupProbe().getHttpGet(),
                "/q/health/ready", parley.getReadinessProbe().getHttpGet(), "/q/health/live", parley.getLivenessProbe().getHttpGet());
        probes.forEach((path, probe) -> {
            assertThat(probe.getPath()).isEqualTo(path);
            assertThat(probe.getPort().getStrVal()).isEqualTo("http");
        });
        Service service = one(objects, Service.class, "parley");
        assertThat(service.getSpec().getPorts().get(0).getTargetPort().getStrVal()).isEqualTo("http");
        assertThat(service.getSpec().getSelector()).isEqualTo(deployment.getSpec().getSelector().getMatchLabels());
        assertThat(one(objects, PodDisruptionBudget.class, "parley").getSpec().getSelector())
                .isEqualTo(deployment.getSpec().getSelector());
        HorizontalPodAutoscaler hpa = one(objects, HorizontalPodAutoscaler.class, "parley");
        assertThat(hpa.getSpec().getScaleTargetRef().getName()).isEqualTo("parley");
        assertThat(hpa.getSpec().getMinReplicas()).isGreaterThanOrEqualTo(2);
        // the HPA owns the replica count: one set here would be reset on every apply
        assertThat(deployment.getSpec().getReplicas()).isNull();
        // the heap is a share of the container's memory limit, and the limit is set
        assertThat(parley.getResources().getLimits()).containsKeys("memory", "cpu");
        assertThat(parley.getResources().getRequests()).containsKeys("memory", "cpu");
        assertThat(env(parley).stream().filter(e -> e.getName().equals(JAVA_LAUNCHER_OPTIONS)).findFirst().orElseThrow().getValue())
                .contains("-XX:MaxRAMPercentage=");
    }

    /** The service and the sweep's shards evaluate batches: both JVMs start with the Vector API (README). */
    @Test
    void theEvaluatingContainersStartWithTheVectorApi() throws IOException {
        List<HasMetadata> objects = objects();
        Container service = one(objects, Deployment.class, "parley").getSpec().getTemplate().getSpec().getContainers().get(0);
        Container shard = one(objects, Job.class, "parley-sweep").getSpec().getTemplate().getSpec().getContainers().get(0);
        for (Container container : List.of(service, shard)) {
            assertThat(env(container).stream().filter(e -> e.getName().equals(JAVA_LAUNCHER_OPTIONS)).findFirst().orElseThrow()
                    .getValue()).as(container.getName()).contains("--add-modules=jdk.incubator.vector");
        }
    }

    @Test
    void migrationsRunOnceInTheInitContainerAndTheServiceSkipsThem() throws IOException {
        migrationsRunOnce(objects());
    }

    static void migrationsRunOnce(List<HasMetadata> objects) {
        PodSpec pod = one(objects, Deployment.class, "parley").getSpec().getTemplate().getSpec();
        Container migrate = pod.getInitContainers().get(0);
        assertThat(migrate.getArgs()).containsExactly("migrate");
        assertThat(value(migrate, "QUARKUS_FLYWAY_MIGRATE_AT_START")).isEqualTo("true");
        assertThat(value(pod.getContainers().get(0), "QUARKUS_FLYWAY_MIGRATE_AT_START")).isEqualTo("false");
    }

    @Test
    void theSweepJobRunsOneShardPerCompletion() throws IOException {
        sweepJobRunsOneShardPerCompletion(objects());
    }

    static void sweepJobRunsOneShardPerCompletion(List<HasMetadata> objects) {
        Job job = one(objects, Job.class, "parley-sweep");
        assertThat(job.getSpec().getCompletionMode()).isEqualTo("Indexed");
        List<String> args = job.getSpec().getTemplate().getSpec().getContainers().get(0).getArgs();
        assertThat(args.get(0)).isEqualTo("sweep-shard");
        SweepShard first = SweepShard.parse(args.subList(1, args.size()), Map.of(SweepShard.COMPLETION_INDEX, "0"));
        assertThat(first.shards()).isEqualTo(job.getSpec().getCompletions());
        assertThat(first.shard()).isEqualTo(1);
    }

    /** Batch mode calls the sweep endpoint, which needs a caller: the Job sends an API key from a Secret that exists. */
    @Test
    void theSweepJobSendsAnApiKeyFromASecret() throws IOException {
        List<HasMetadata> objects = objects();
        Job job = one(objects, Job.class, "parley-sweep");
        EnvVar key = env(job.getSpec().getTemplate().getSpec().getContainers().get(0)).stream()
                .filter(e -> e.getName().equals("PARLEY_IDENTITY_SWEEP_SHARD_API_KEY")).findFirst().orElseThrow();
        assertThat(key.getValue()).as("never written into the manifest").isNull();
        var ref = key.getValueFrom().getSecretKeyRef();
        Secret secret = one(objects, Secret.class, ref.getName());
        assertThat(secret.getStringData()).containsKey(ref.getKey());
        assertThat(runtimeEnvironmentNames()).contains("PARLEY_IDENTITY_SWEEP_SHARD_API_KEY");
    }

    @Test
    void everyEnvironmentNameSetsARuntimePropertyOfTheApplication() throws IOException {
        Set<String> known = runtimeEnvironmentNames();
        assertThat(known).contains("QUARKUS_DATASOURCE_JDBC_URL", "PARLEY_LIMITS_HEAVY_REQUESTS")
                .doesNotContain("QUARKUS_DATASOURCE_DB_KIND"); // fixed at build time: an env var could not change it
        assertThat(everyEnvironmentNameIsARuntimeProperty(objects())).hasSizeGreaterThan(5);
    }

    /** Every environment name a pod or the ConfigMap sets is one the application reads at run time. */
    static Set<String> everyEnvironmentNameIsARuntimeProperty(List<HasMetadata> objects) throws IOException {
        Set<String> known = runtimeEnvironmentNames();
        Set<String> used = new HashSet<>();
        for (HasMetadata object : objects) {
            if (object instanceof ConfigMap map && map.getMetadata().getName().equals("parley-config")) used.addAll(map.getData().keySet());
            PodSpec pod = object instanceof Deployment d ? d.getSpec().getTemplate().getSpec()
                    : object instanceof Job j ? j.getSpec().getTemplate().getSpec() : null;
            if (pod == null) continue;
            Stream.concat(pod.getContainers().stream(), pod.getInitContainers().stream())
                    .forEach(c -> env(c).forEach(e -> used.add(e.getName())));
        }
        used.remove(JAVA_LAUNCHER_OPTIONS);
        assertThat(used).isNotEmpty();
        assertThat(known).containsAll(used);
        return used;
    }

    static List<EnvVar> env(Container c) {
        return c.getEnv() == null ? List.of() : c.getEnv();
    }

    static String value(Container c, String name) {
        return env(c).stream().filter(e -> e.getName().equals(name)).findFirst().orElseThrow().getValue();
    }

    static Properties applicationProperties() {
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(Path.of("src/main/resources/application.properties"))) {
            p.load(in);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return p;
    }

    /**
     * The environment names of every property a Quarkus extension on the classpath reads at run time
     * (from each extension's own configuration model), and of every {@code parley.*} setting.
     */
    static Set<String> runtimeEnvironmentNames() throws IOException {
        Set<String> names = new HashSet<>();
        Enumeration<URL> models = KubernetesManifestsTest.class.getClassLoader()
                .getResources("META-INF/quarkus-config-doc/quarkus-config-model.json");
        while (models.hasMoreElements()) {
            try (InputStream in = models.nextElement().openStream()) {
                collect(TYPED.readTree(in), names);
            }
        }
        parleyNames(ParleyConfig.class, "PARLEY", names);
        parleyNames(IdentityConfig.class, "PARLEY_IDENTITY", names);
        return names;
    }

    private static void collect(JsonNode node, Set<String> names) {
        if (node.isObject() && node.path("path").has("environmentVariable") && !node.path("phase").asText().equals("BUILD_TIME")
                && !node.path("phase").asText().equals("BUILD_AND_RUN_TIME_FIXED")) {
            names.add(node.path("path").path("environmentVariable").asText());
        }
        node.forEach(child -> collect(child, names));
    }

    private static void parleyNames(Class<?> group, String prefix, Set<String> names) {
        for (Method m : group.getDeclaredMethods()) {
            String name = prefix + "_" + m.getName().replaceAll("([a-z])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT);
            if (m.getReturnType().isInterface() && m.getReturnType().getName().startsWith("io.parley.")) {
                parleyNames(m.getReturnType(), name, names);
            } else {
                names.add(name);
            }
        }
    }
}
