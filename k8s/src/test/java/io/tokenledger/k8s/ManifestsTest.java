package io.tokenledger.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.tokenledger.k8s.Rendering.Rendered;
import io.tokenledger.k8s.Workloads.PodWorkload;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Renders each overlay (kubectl kustomize, or MiniKustomize without kubectl) and checks every object. */
class ManifestsTest {

    private static final List<String> SERVICES =
            List.of("pricing-service", "attribution-service", "budget-service", "ingest-service");
    private static final Map<String, String> NAMESPACES = Map.of("dev", "tokenledger-dev", "prod", "tokenledger");
    private static final Map<String, Rendered> RENDERED = new ConcurrentHashMap<>();

    static List<HasMetadata> overlay(String name) {
        return RENDERED.computeIfAbsent(name, n -> {
            Rendered r = Rendering.render(Path.of("overlays", n));
            System.out.println("overlays/" + n + " rendered by " + r.renderer() + ": " + r.objects().size() + " objects");
            return r;
        }).objects();
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyObjectParsesIntoTheTypedModelWithNoUnknownField(String name) {
        for (HasMetadata o : overlay(name)) {
            assertThat(UnknownFields.in(o)).as(id(o) + " unknown or misspelt fields").isEmpty();
        }
    }

    @Test
    void devRendersTheSuiteWithInClusterPostgresAndRedis() {
        assertThat(kindCounts(overlay("dev"))).isEqualTo(new TreeMap<>(Map.of("Namespace", 1, "ServiceAccount", 4,
                "ConfigMap", 4, "Secret", 2, "Service", 6, "Deployment", 5, "StatefulSet", 1)));
        assertThat(overlay("dev")).extracting(ManifestsTest::id).contains("StatefulSet/postgres",
                "Deployment/redis", "Service/postgres", "Service/redis", "Secret/tokenledger-db",
                "Secret/tokenledger-webhook", "Namespace/tokenledger-dev");
        assertThat(Workloads.of(overlay("dev"))).allSatisfy(w ->
                assertThat(replicas(w.owner())).as(w.id() + " replicas").isEqualTo(1));
        StatefulSet pg = Workloads.named(overlay("dev"), StatefulSet.class, "postgres");
        assertThat(pg.getSpec().getVolumeClaimTemplates()).singleElement()
                .satisfies(c -> assertThat(c.getSpec().getResources().getRequests().get("storage").toString()).isEqualTo("5Gi"));
        assertThat(pg.getSpec().getServiceName()).isEqualTo("postgres");
    }

    @Test
    void prodRendersTheSuiteOnlyWithDisruptionBudgetsAndAnIngestAutoscaler() {
        List<HasMetadata> prod = overlay("prod");
        assertThat(kindCounts(prod)).isEqualTo(new TreeMap<>(Map.of("ServiceAccount", 4, "ConfigMap", 4,
                "Service", 4, "Deployment", 4, "PodDisruptionBudget", 4, "HorizontalPodAutoscaler", 1)));
        for (String svc : SERVICES) {
            assertThat(replicas(Workloads.named(prod, Deployment.class, svc))).as(svc)
                    .isEqualTo(svc.equals("ingest-service") ? 3 : 2);
            PodDisruptionBudget pdb = Workloads.named(prod, PodDisruptionBudget.class, svc);
            assertThat(pdb.getSpec().getMaxUnavailable().getIntVal()).isEqualTo(1);
            assertThat(selectedWorkloads(prod, pdb.getSpec().getSelector().getMatchLabels()))
                    .extracting(PodWorkload::id).containsExactly("Deployment/" + svc);
        }
        HorizontalPodAutoscaler hpa = Workloads.named(prod, HorizontalPodAutoscaler.class, "ingest-service");
        assertThat(hpa.getSpec().getScaleTargetRef().getKind()).isEqualTo("Deployment");
        assertThat(hpa.getSpec().getScaleTargetRef().getName()).isEqualTo("ingest-service");
        assertThat(hpa.getSpec().getMinReplicas()).isEqualTo(3);
        assertThat(hpa.getSpec().getMaxReplicas()).isGreaterThan(3);
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyObjectIsInTheOverlayNamespaceAndLabelledPartOfTokenLedger(String name) {
        for (HasMetadata o : overlay(name)) {
            assertThat(o.getMetadata().getLabels()).as(id(o)).containsEntry("app.kubernetes.io/part-of", "tokenledger");
            if (!(o instanceof Namespace)) {
                assertThat(o.getMetadata().getNamespace()).as(id(o)).isEqualTo(NAMESPACES.get(name));
            }
        }
        for (PodWorkload w : Workloads.of(overlay(name))) {
            assertThat(w.template().getMetadata().getLabels()).as(w.id())
                    .containsEntry("app.kubernetes.io/part-of", "tokenledger")
                    .containsAllEntriesOf(selector(w.owner()));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyContainerHasProbesResourcesAndARestrictedNonRootSecurityContext(String name) {
        for (PodWorkload w : Workloads.of(overlay(name))) {
            PodSecurityContext pod = w.template().getSpec().getSecurityContext();
            assertThat(w.template().getSpec().getAutomountServiceAccountToken()).as(w.id()).isFalse();
            for (Container c : w.allContainers()) {
                String where = w.id() + " " + c.getName();
                assertThat(c.getStartupProbe()).as(where + " startup").isNotNull();
                assertThat(c.getReadinessProbe()).as(where + " readiness").isNotNull();
                assertThat(c.getLivenessProbe()).as(where + " liveness").isNotNull();
                assertThat(c.getResources().getRequests()).as(where + " requests").containsKeys("cpu", "memory");
                assertThat(c.getResources().getLimits()).as(where + " limits").containsKeys("cpu", "memory");
                SecurityContext sc = c.getSecurityContext();
                assertThat(sc).as(where + " securityContext").isNotNull();
                assertThat(firstNonNull(sc.getRunAsNonRoot(), pod.getRunAsNonRoot())).as(where).isTrue();
                assertThat(firstNonNull(sc.getRunAsUser(), pod.getRunAsUser())).as(where + " uid").isPositive();
                assertThat(sc.getAllowPrivilegeEscalation()).as(where).isFalse();
                assertThat(sc.getReadOnlyRootFilesystem()).as(where).isTrue();
                assertThat(sc.getCapabilities().getDrop()).as(where).containsExactly("ALL");
                assertThat(firstNonNull(sc.getSeccompProfile(), pod.getSeccompProfile()).getType()).isEqualTo("RuntimeDefault");
                assertThat(c.getImage()).as(where + " image pinned").contains(":").doesNotEndWith(":latest");
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void eachServiceRunsItsJibImageOnPort8080WithHealthProbesAndMetrics(String name) {
        for (String svc : SERVICES) {
            Deployment d = Workloads.named(overlay(name), Deployment.class, svc);
            Container c = d.getSpec().getTemplate().getSpec().getContainers().get(0);
            assertThat(c.getImage()).isEqualTo("ghcr.io/tokenledger/" + svc + ":0.1.0");
            assertThat(c.getPorts()).extracting(ContainerPort::getName, ContainerPort::getContainerPort)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("grpc", 8080));
            assertThat(c.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/q/health/ready");
            assertThat(c.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/q/health/live");
            assertThat(c.getStartupProbe().getHttpGet().getPath()).isEqualTo("/q/health/started");
            assertThat(c.getReadinessProbe().getHttpGet().getPort().getStrVal()).isEqualTo("grpc");
            assertThat(c.getEnv()).anySatisfy(e -> {
                assertThat(e.getName()).isEqualTo("JAVA_TOOL_OPTIONS");
                assertThat(e.getValue()).contains("-XX:MaxRAMPercentage=70");
            });
            assertThat(c.getVolumeMounts()).anySatisfy(m -> assertThat(m.getMountPath()).isEqualTo("/tmp"));
            assertThat(d.getSpec().getTemplate().getSpec().getVolumes())
                    .anySatisfy(v -> assertThat(v.getEmptyDir()).isNotNull());
            assertThat(d.getSpec().getTemplate().getMetadata().getAnnotations()).containsEntry("prometheus.io/scrape", "true")
                    .containsEntry("prometheus.io/port", "8080").containsEntry("prometheus.io/path", "/q/metrics");
            ConfigMap config = Workloads.named(overlay(name), ConfigMap.class, svc + "-config");
            assertThat(config.getData()).containsEntry("PORT", "8080").containsKeys("TOKENLEDGER_DB_URL", "TOKENLEDGER_DB_USER");
        }
        Container budget = Workloads.named(overlay(name), Deployment.class, "budget-service")
                .getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(budget.getEnv()).anySatisfy(e -> {
            assertThat(e.getName()).isEqualTo("TOKENLEDGER_WEBHOOK_KEY");
            assertThat(e.getValueFrom().getSecretKeyRef().getName()).isEqualTo("tokenledger-webhook");
            assertThat(e.getValueFrom().getSecretKeyRef().getKey()).isEqualTo("key");
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyServiceSelectsOneWorkloadAndItsPortsTargetContainerPorts(String name) {
        List<HasMetadata> objects = overlay(name);
        for (Service s : Workloads.ofKind(objects, Service.class)) {
            List<PodWorkload> selected = selectedWorkloads(objects, s.getSpec().getSelector());
            assertThat(selected).as("workloads selected by " + id(s)).hasSize(1);
            List<ContainerPort> containerPorts = selected.get(0).template().getSpec().getContainers().stream()
                    .flatMap(c -> c.getPorts().stream()).collect(Collectors.toList());
            for (ServicePort p : s.getSpec().getPorts()) {
                ContainerPort target = containerPorts.stream().filter(cp -> p.getTargetPort().getStrVal() != null
                                ? p.getTargetPort().getStrVal().equals(cp.getName())
                                : p.getTargetPort().getIntVal().equals(cp.getContainerPort()))
                        .findFirst().orElseThrow(() -> new AssertionError(id(s) + " port " + p.getName() + " targets nothing"));
                if ("grpc".equals(p.getName())) {
                    assertThat(p.getAppProtocol()).isEqualTo("grpc");
                    assertThat(p.getPort()).isEqualTo(8080);
                    assertThat(target.getName()).isEqualTo("grpc");
                    assertThat(target.getContainerPort()).isEqualTo(8080);
                }
            }
        }
        assertThat(Workloads.ofKind(objects, Service.class)).filteredOn(s -> SERVICES.contains(s.getMetadata().getName()))
                .hasSize(4).allSatisfy(s -> assertThat(s.getSpec().getType()).isEqualTo("ClusterIP"));
    }

    @Test
    void devResolvesEveryConfigMapAndSecretReference() {
        // 4 envFrom ConfigMaps + 4 services' and PostgreSQL's DB password + budget's webhook key.
        assertThat(Workloads.references(overlay("dev"))).hasSize(10);
        assertThat(Workloads.unresolved(overlay("dev"))).isEmpty();
    }

    @Test
    void devWebhookKeyIsTheBase64Of32BytesThatBudgetServiceRequires() {
        io.fabric8.kubernetes.api.model.Secret webhook =
                Workloads.named(overlay("dev"), io.fabric8.kubernetes.api.model.Secret.class, "tokenledger-webhook");
        // budget-service's SecretCipher refuses to start unless the key decodes to an AES-256 key.
        assertThat(java.util.Base64.getDecoder().decode(webhook.getStringData().get("key"))).hasSize(32);
    }

    @Test
    void prodLeavesOnlyTheDocumentedExternalSecretsUnresolved() {
        // k8s/README.md: prod expects these two Secrets to be created out of band.
        assertThat(Workloads.unresolved(overlay("prod")))
                .containsExactlyInAnyOrder("Secret tokenledger-db", "Secret tokenledger-webhook");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void peerHostsInConfigMapsAreServicesOfTheRendering(String name) {
        List<HasMetadata> objects = overlay(name);
        int peers = 0;
        for (ConfigMap cm : Workloads.ofKind(objects, ConfigMap.class)) {
            for (Map.Entry<String, String> e : cm.getData().entrySet()) {
                if (!e.getKey().endsWith("_HOST")) {
                    continue;
                }
                Service target = Workloads.named(objects, Service.class, e.getValue());
                String port = cm.getData().get(e.getKey().replace("_HOST", "_PORT"));
                assertThat(target.getSpec().getPorts()).extracting(p -> String.valueOf(p.getPort())).contains(port);
                peers++;
            }
        }
        // ingest -> pricing, attribution, budget; attribution -> pricing; budget -> pricing, attribution.
        assertThat(peers).isEqualTo(6);
        Map<String, String> budget = Workloads.named(objects, ConfigMap.class, "budget-service-config").getData();
        URI db = URI.create(budget.get("TOKENLEDGER_DB_URL").substring("jdbc:".length()));
        URI redis = URI.create(budget.get("TOKENLEDGER_REDIS_URL"));
        Set<String> serviceNames = Workloads.ofKind(objects, Service.class).stream()
                .map(s -> s.getMetadata().getName()).collect(Collectors.toSet());
        if (name.equals("dev")) {
            assertThat(db.getHost() + ":" + db.getPort()).isEqualTo("postgres:5432");
            assertThat(redis.getHost() + ":" + redis.getPort()).isEqualTo("redis:6379");
            assertThat(serviceNames).contains(db.getHost(), redis.getHost());
        } else {
            assertThat(serviceNames).doesNotContain(db.getHost(), redis.getHost(), "postgres", "redis");
            assertThat(redis.getScheme()).isEqualTo("rediss");
        }
        for (String svc : SERVICES) {
            assertThat(Workloads.named(objects, ConfigMap.class, svc + "-config").getData().get("TOKENLEDGER_DB_URL"))
                    .isEqualTo(budget.get("TOKENLEDGER_DB_URL"));
        }
    }

    /** A peer a service calls but its ConfigMap does not name would be called on 127.0.0.1 in the cluster. */
    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyPeerAServiceCallsIsSetInItsConfigMap(String name) throws IOException {
        List<HasMetadata> objects = overlay(name);
        Pattern peer = Pattern.compile("\\$\\{([A-Z]+_(?:HOST|PORT)):");
        int settings = 0;
        for (String svc : SERVICES) {
            String properties = Files.readString(Path.of("..", svc, "src/main/resources/application.properties"));
            Set<String> read = peer.matcher(properties).results().map(m -> m.group(1)).collect(Collectors.toSet());
            assertThat(Workloads.named(objects, ConfigMap.class, svc + "-config").getData().keySet()).as(svc)
                    .containsAll(read);
            settings += read.size();
        }
        // A host and a port for each of the six peers named in peerHostsInConfigMapsAreServicesOfTheRendering.
        assertThat(settings).isEqualTo(12);
    }

    @Test
    void aMisspeltFieldADanglingSecretAndAnUnknownKindAreCaught() {
        Rendered broken = Rendering.render(Path.of("src/test/resources/broken"));
        HasMetadata deployment = broken.objects().get(0);
        assertThat(UnknownFields.in(deployment)).containsExactlyInAnyOrder(
                "spec.replicass", "spec.template.spec.containers[0].readinesProbe");
        assertThat(Workloads.unresolved(broken.objects())).containsExactly("Secret missing-secret");
        assertThatThrownBy(() -> Rendering.typed(MiniKustomize.readDocuments(
                "apiVersion: apps/v1\nkind: Deploymnet\nmetadata:\n  name: x\n")))
                .hasMessageContaining("no typed model for apps/v1 Deploymnet");
    }

    private static List<PodWorkload> selectedWorkloads(List<HasMetadata> objects, Map<String, String> selector) {
        assertThat(selector).isNotEmpty();
        return Workloads.of(objects).stream()
                .filter(w -> w.template().getMetadata().getLabels().entrySet().containsAll(selector.entrySet()))
                .collect(Collectors.toList());
    }

    private static Map<String, String> selector(HasMetadata workload) {
        return workload instanceof Deployment
                ? ((Deployment) workload).getSpec().getSelector().getMatchLabels()
                : ((StatefulSet) workload).getSpec().getSelector().getMatchLabels();
    }

    private static int replicas(HasMetadata workload) {
        return workload instanceof Deployment
                ? ((Deployment) workload).getSpec().getReplicas()
                : ((StatefulSet) workload).getSpec().getReplicas();
    }

    private static Map<String, Integer> kindCounts(List<HasMetadata> objects) {
        return objects.stream().collect(Collectors.groupingBy(HasMetadata::getKind, TreeMap::new,
                Collectors.summingInt(o -> 1)));
    }

    private static String id(HasMetadata o) {
        return o.getKind() + "/" + o.getMetadata().getName();
    }

    private static <T> T firstNonNull(T first, T second) {
        return first != null ? first : second;
    }
}
