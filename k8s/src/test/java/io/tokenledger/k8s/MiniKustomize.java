package io.tokenledger.k8s;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A small renderer for EXACTLY the kustomize subset that k8s/base and k8s/overlays use, so the manifests
 * can be checked on machines without kubectl. {@code kubectl kustomize} is the reference; when kubectl is
 * installed the tests render with it and also check that this renderer agrees with it.
 *
 * <p>Supported: {@code resources} (files, and directories with their own kustomization.yaml),
 * {@code namespace}, {@code labels} (without {@code includeSelectors}) and {@code patches} given by
 * {@code path} as strategic-merge patches matched by kind and name, merging maps, replacing scalars and
 * merging the lists {@code containers, initContainers, env, volumes, volumeMounts} by {@code name}.
 * Anything else (generators, name prefixes, images, JSON patches, {@code $patch} directives, other lists
 * in patches, commonLabels) is rejected with an exception rather than silently rendered wrong.
 */
final class MiniKustomize {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Set<String> SUPPORTED_KEYS =
            Set.of("apiVersion", "kind", "resources", "namespace", "labels", "patches");
    private static final Set<String> CLUSTER_SCOPED = Set.of("Namespace", "ClusterRole", "ClusterRoleBinding",
            "PersistentVolume", "StorageClass", "CustomResourceDefinition", "PriorityClass");
    private static final Set<String> POD_TEMPLATE_KINDS =
            Set.of("Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job");
    private static final Set<String> LISTS_MERGED_BY_NAME =
            Set.of("containers", "initContainers", "env", "volumes", "volumeMounts");

    private MiniKustomize() {
    }

    /** Renders the kustomization in {@code dir} into objects, in resource order. */
    static List<Map<String, Object>> render(Path dir) {
        Map<String, Object> kustomization = readKustomization(dir);
        List<Map<String, Object>> objects = new ArrayList<>();
        for (Object entry : list(kustomization.get("resources"), "resources")) {
            Path resource = dir.resolve((String) entry).normalize();
            if (Files.isDirectory(resource)) {
                objects.addAll(render(resource));
            } else {
                objects.addAll(readDocuments(resource));
            }
        }
        for (Object entry : list(kustomization.get("patches"), "patches")) {
            Map<String, Object> patch = map(entry, "patches[]");
            if (!patch.keySet().equals(Set.of("path"))) {
                throw unsupported("patches other than {path: <strategic-merge file>}: " + patch.keySet(), dir);
            }
            for (Map<String, Object> document : readDocuments(dir.resolve((String) patch.get("path")))) {
                applyPatch(objects, document, dir);
            }
        }
        Object namespace = kustomization.get("namespace");
        if (namespace != null) {
            for (Map<String, Object> object : objects) {
                if (!CLUSTER_SCOPED.contains(object.get("kind"))) {
                    child(object, "metadata").put("namespace", namespace);
                }
            }
        }
        for (Object entry : list(kustomization.get("labels"), "labels")) {
            applyLabels(objects, map(entry, "labels[]"), dir);
        }
        return objects;
    }

    /** Strategic merge of {@code patch} into {@code target}, for the subset described on the class. */
    @SuppressWarnings("unchecked")
    static void merge(Map<String, Object> target, Map<String, Object> patch) {
        for (Map.Entry<String, Object> e : patch.entrySet()) {
            String key = e.getKey();
            Object value = e.getValue();
            if (key.startsWith("$")) {
                throw new UnsupportedOperationException("strategic-merge directive " + key);
            }
            Object current = target.get(key);
            if (value == null) {
                target.remove(key);
            } else if (value instanceof Map && current instanceof Map) {
                merge((Map<String, Object>) current, (Map<String, Object>) value);
            } else if (value instanceof List && current instanceof List) {
                if (!LISTS_MERGED_BY_NAME.contains(key)) {
                    throw new UnsupportedOperationException("patching the list '" + key + "'");
                }
                mergeByName((List<Object>) current, (List<Object>) value);
            } else {
                target.put(key, value);
            }
        }
    }

    /** kustomize's order: the patch's items first (merged into their originals), then the untouched originals. */
    @SuppressWarnings("unchecked")
    private static void mergeByName(List<Object> current, List<Object> patch) {
        List<Object> merged = new ArrayList<>();
        for (Object item : patch) {
            Map<String, Object> patchItem = map(item, "list item");
            Object name = Objects.requireNonNull(patchItem.get("name"), "list item without name");
            Map<String, Object> existing = null;
            for (Object candidate : current) {
                if (name.equals(((Map<String, Object>) candidate).get("name"))) {
                    existing = (Map<String, Object>) candidate;
                }
            }
            if (existing == null) {
                merged.add(patchItem);
            } else {
                current.remove(existing);
                merge(existing, patchItem);
                merged.add(existing);
            }
        }
        merged.addAll(current);
        current.clear();
        current.addAll(merged);
    }

    private static void applyPatch(List<Map<String, Object>> objects, Map<String, Object> patch, Path dir) {
        Object kind = patch.get("kind");
        Map<String, Object> meta = child(patch, "metadata");
        List<Map<String, Object>> matches = new ArrayList<>();
        for (Map<String, Object> object : objects) {
            Map<String, Object> objectMeta = child(object, "metadata");
            boolean sameNamespace = meta.get("namespace") == null
                    || meta.get("namespace").equals(objectMeta.get("namespace"));
            if (kind.equals(object.get("kind")) && meta.get("name").equals(objectMeta.get("name")) && sameNamespace) {
                matches.add(object);
            }
        }
        if (matches.size() != 1) {
            throw new IllegalStateException("patch " + kind + "/" + meta.get("name") + " in " + dir
                    + " matches " + matches.size() + " objects, expected exactly 1");
        }
        Map<String, Object> body = new LinkedHashMap<>(patch);
        body.remove("apiVersion");
        body.remove("kind");
        merge(matches.get(0), body);
    }

    private static void applyLabels(List<Map<String, Object>> objects, Map<String, Object> spec, Path dir) {
        if (Boolean.TRUE.equals(spec.get("includeSelectors"))) {
            throw unsupported("labels with includeSelectors: true", dir);
        }
        Map<String, Object> pairs = map(spec.get("pairs"), "labels[].pairs");
        boolean templates = Boolean.TRUE.equals(spec.get("includeTemplates"));
        for (Map<String, Object> object : objects) {
            child(child(object, "metadata"), "labels").putAll(pairs);
            if (!templates) {
                continue;
            }
            Object kind = object.get("kind");
            if ("CronJob".equals(kind)) {
                throw unsupported("labels on CronJob templates", dir);
            }
            if (POD_TEMPLATE_KINDS.contains(kind)) {
                child(child(child(child(object, "spec"), "template"), "metadata"), "labels").putAll(pairs);
            }
            if ("StatefulSet".equals(kind)) {
                for (Object claim : list(child(object, "spec").get("volumeClaimTemplates"), "volumeClaimTemplates")) {
                    child(child(map(claim, "volumeClaimTemplates[]"), "metadata"), "labels").putAll(pairs);
                }
            }
        }
    }

    private static Map<String, Object> readKustomization(Path dir) {
        Path file = dir.resolve("kustomization.yaml");
        if (!Files.isRegularFile(file)) {
            throw unsupported("a kustomization file other than kustomization.yaml", dir);
        }
        List<Map<String, Object>> documents = readDocuments(file);
        Map<String, Object> kustomization = documents.get(0);
        for (String key : kustomization.keySet()) {
            if (!SUPPORTED_KEYS.contains(key)) {
                throw unsupported("the kustomization field '" + key + "'", dir);
            }
        }
        return kustomization;
    }

    /** Every non-empty YAML document of a file, as mutable maps. */
    static List<Map<String, Object>> readDocuments(Path file) {
        try {
            return readDocuments(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException(file.toString(), e);
        }
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> readDocuments(String yaml) {
        List<Map<String, Object>> documents = new ArrayList<>();
        try (MappingIterator<Object> it = YAML.readerFor(Object.class).readValues(yaml)) {
            while (it.hasNext()) {
                Object document = it.next();
                if (document != null) {
                    documents.add((Map<String, Object>) document);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return documents;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> child(Map<String, Object> parent, String key) {
        return (Map<String, Object>) parent.computeIfAbsent(key, k -> new LinkedHashMap<String, Object>());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value, String what) {
        if (!(value instanceof Map)) {
            throw new IllegalArgumentException(what + " must be a mapping, was " + value);
        }
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object value, String what) {
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List)) {
            throw new IllegalArgumentException(what + " must be a list, was " + value);
        }
        return (List<Object>) value;
    }

    private static UnsupportedOperationException unsupported(String what, Path dir) {
        return new UnsupportedOperationException(dir + ": " + what
                + " is outside the subset MiniKustomize renders; use `kubectl kustomize`");
    }
}
