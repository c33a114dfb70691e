package io.tokenledger.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Keeps the built-in renderer honest: where kubectl exists, both must produce the same typed objects. */
class MiniKustomizeTest {

    @ParameterizedTest
    @ValueSource(strings = {"overlays/dev", "overlays/prod", "base", "src/test/resources/broken",
        "src/test/resources/subset"})
    void rendersTheSameObjectsAsKubectlKustomize(String dir) {
        assumeTrue(Rendering.kubectl().isPresent(), "kubectl is not installed; nothing to compare with");
        Path path = Path.of(dir);
        Map<String, HasMetadata> reference = byId(Rendering.typed(MiniKustomize.readDocuments(
                Rendering.kubectlKustomize(Rendering.kubectl().get(), path))));
        Map<String, HasMetadata> builtin = byId(Rendering.typed(MiniKustomize.render(path)));
        assertThat(builtin.keySet()).isEqualTo(reference.keySet());
        // fabric8 models compare by value, so this covers every field, labels and list order included.
        for (String id : reference.keySet()) {
            assertThat(builtin.get(id)).as(id).isEqualTo(reference.get(id));
        }
    }

    @Test
    void mergesPatchedEnvByNameAndReplacesScalars() {
        List<HasMetadata> objects = Rendering.typed(MiniKustomize.render(Path.of("src/test/resources/subset")));
        io.fabric8.kubernetes.api.model.apps.Deployment d = (io.fabric8.kubernetes.api.model.apps.Deployment) objects.stream()
                .filter(o -> o.getKind().equals("Deployment")).findFirst().orElseThrow();
        assertThat(d.getSpec().getReplicas()).isEqualTo(5);
        assertThat(d.getMetadata().getNamespace()).isEqualTo("subset");
        assertThat(d.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv())
                .extracting(e -> e.getName() + "=" + e.getValue())
                .containsExactly("CHANGED=patched", "ADDED=new", "KEPT=1");
    }

    @Test
    void refusesKustomizeFeaturesOutsideItsSubset(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("kustomization.yaml"), "resources: []\nnamePrefix: x-\n");
        assertThatThrownBy(() -> MiniKustomize.render(dir))
                .isInstanceOf(UnsupportedOperationException.class).hasMessageContaining("namePrefix");
        Files.writeString(dir.resolve("kustomization.yaml"),
                "resources: []\nlabels:\n  - pairs: {a: b}\n    includeSelectors: true\n");
        assertThatThrownBy(() -> MiniKustomize.render(dir))
                .isInstanceOf(UnsupportedOperationException.class).hasMessageContaining("includeSelectors");
    }

    private static Map<String, HasMetadata> byId(List<HasMetadata> objects) {
        Map<String, HasMetadata> map = new TreeMap<>();
        for (HasMetadata o : objects) {
            map.put(o.getKind() + "/" + o.getMetadata().getNamespace() + "/" + o.getMetadata().getName(), o);
        }
        assertThat(map).hasSameSizeAs(objects);
        return map;
    }
}
