package io.tokenledger.k8s;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Renders a kustomization and parses every object into fabric8's typed model. Uses {@code kubectl kustomize}
 * (the reference) when kubectl is on the PATH, otherwise {@link MiniKustomize}. Setting the system property
 * {@code tokenledger.k8s.renderer=builtin} forces the built-in renderer.
 */
final class Rendering {

    static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    private Rendering() {
    }

    /** The objects of a rendering and which renderer produced them. */
    record Rendered(String renderer, List<HasMetadata> objects) {
    }

    static Rendered render(Path dir) {
        boolean builtin = "builtin".equals(System.getProperty("tokenledger.k8s.renderer"));
        Optional<Path> kubectl = builtin ? Optional.empty() : kubectl();
        if (kubectl.isPresent()) {
            return new Rendered("kubectl kustomize", typed(MiniKustomize.readDocuments(kubectlKustomize(kubectl.get(), dir))));
        }
        return new Rendered("MiniKustomize", typed(MiniKustomize.render(dir)));
    }

    /** Parses each object by its apiVersion and kind; a kind fabric8 does not know is an error. */
    static List<HasMetadata> typed(List<Map<String, Object>> documents) {
        List<HasMetadata> objects = new ArrayList<>();
        for (Map<String, Object> document : documents) {
            Object parsed = SERIALIZATION.unmarshal(SERIALIZATION.asJson(document));
            if (!(parsed instanceof HasMetadata) || parsed instanceof GenericKubernetesResource) {
                throw new IllegalArgumentException("no typed model for " + document.get("apiVersion") + " "
                        + document.get("kind") + ": " + parsed.getClass().getName());
            }
            objects.add((HasMetadata) parsed);
        }
        return objects;
    }

    static Optional<Path> kubectl() {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir, "kubectl");
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    static String kubectlKustomize(Path kubectl, Path dir) {
        try {
            Path err = Files.createTempFile("kubectl-kustomize", ".err");
            Process process = new ProcessBuilder(kubectl.toString(), "kustomize", dir.toString())
                    .redirectError(err.toFile())
                    .start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                // A broken kubectl is reported, not papered over with the built-in renderer.
                throw new IllegalStateException("kubectl kustomize " + dir + " failed: " + Files.readString(err));
            }
            Files.deleteIfExists(err);
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
