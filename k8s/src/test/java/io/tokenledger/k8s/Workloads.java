package io.tokenledger.k8s;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** Views over rendered objects that the checks share: pod templates and ConfigMap/Secret references. */
final class Workloads {

    private Workloads() {
    }

    /** A Deployment or StatefulSet and its pod template. */
    record PodWorkload(HasMetadata owner, PodTemplateSpec template) {
        String id() {
            return owner.getKind() + "/" + owner.getMetadata().getName();
        }

        List<Container> allContainers() {
            List<Container> all = new ArrayList<>(template.getSpec().getContainers());
            all.addAll(template.getSpec().getInitContainers());
            return all;
        }
    }

    /** A reference from a pod to a ConfigMap or Secret (key empty for envFrom and volumes). */
    record Reference(String kind, String name, Optional<String> key, String from) {
    }

    static List<PodWorkload> of(List<HasMetadata> objects) {
        List<PodWorkload> workloads = new ArrayList<>();
        for (HasMetadata o : objects) {
            if (o instanceof Deployment) {
                workloads.add(new PodWorkload(o, ((Deployment) o).getSpec().getTemplate()));
            } else if (o instanceof StatefulSet) {
                workloads.add(new PodWorkload(o, ((StatefulSet) o).getSpec().getTemplate()));
            }
        }
        return workloads;
    }

    static <T extends HasMetadata> List<T> ofKind(List<HasMetadata> objects, Class<T> type) {
        return objects.stream().filter(type::isInstance).map(type::cast).collect(Collectors.toList());
    }

    static <T extends HasMetadata> T named(List<HasMetadata> objects, Class<T> type, String name) {
        return ofKind(objects, type).stream().filter(o -> o.getMetadata().getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + type.getSimpleName() + " " + name));
    }

    /** Every non-optional ConfigMap/Secret reference of every pod template. */
    static List<Reference> references(List<HasMetadata> objects) {
        List<Reference> refs = new ArrayList<>();
        for (PodWorkload w : of(objects)) {
            for (Container c : w.allContainers()) {
                String from = w.id() + " container " + c.getName();
                for (EnvFromSource source : c.getEnvFrom()) {
                    if (source.getConfigMapRef() != null && !Boolean.TRUE.equals(source.getConfigMapRef().getOptional())) {
                        refs.add(new Reference("ConfigMap", source.getConfigMapRef().getName(), Optional.empty(), from));
                    }
                    if (source.getSecretRef() != null && !Boolean.TRUE.equals(source.getSecretRef().getOptional())) {
                        refs.add(new Reference("Secret", source.getSecretRef().getName(), Optional.empty(), from));
                    }
                }
                for (EnvVar env : c.getEnv()) {
                    if (env.getValueFrom() == null) {
                        continue;
                    }
                    var cm = env.getValueFrom().getConfigMapKeyRef();
                    if (cm != null && !Boolean.TRUE.equals(cm.getOptional())) {
                        refs.add(new Reference("ConfigMap", cm.getName(), Optional.of(cm.getKey()), from + " env " + env.getName()));
                    }
                    var secret = env.getValueFrom().getSecretKeyRef();
                    if (secret != null && !Boolean.TRUE.equals(secret.getOptional())) {
                        refs.add(new Reference("Secret", secret.getName(), Optional.of(secret.getKey()), from + " env " + env.getName()));
                    }
                }
            }
            for (Volume v : w.template().getSpec().getVolumes()) {
                if (v.getConfigMap() != null) {
                    refs.add(new Reference("ConfigMap", v.getConfigMap().getName(), Optional.empty(), w.id() + " volume " + v.getName()));
                }
                if (v.getSecret() != null) {
                    refs.add(new Reference("Secret", v.getSecret().getSecretName(), Optional.empty(), w.id() + " volume " + v.getName()));
                }
            }
        }
        return refs;
    }

    /** The references that no ConfigMap/Secret (or key) of the rendering satisfies, as readable strings. */
    static Set<String> unresolved(List<HasMetadata> objects) {
        Set<String> missing = new HashSet<>();
        for (Reference ref : references(objects)) {
            Optional<Set<String>> keys = keysOf(objects, ref.kind(), ref.name());
            if (keys.isEmpty()) {
                missing.add(ref.kind() + " " + ref.name());
            } else if (ref.key().isPresent() && !keys.get().contains(ref.key().get())) {
                missing.add(ref.kind() + " " + ref.name() + " key " + ref.key().get() + " (" + ref.from() + ")");
            }
        }
        return missing;
    }

    private static Optional<Set<String>> keysOf(List<HasMetadata> objects, String kind, String name) {
        for (HasMetadata o : objects) {
            if (!o.getKind().equals(kind) || !o.getMetadata().getName().equals(name)) {
                continue;
            }
            Set<String> keys = new HashSet<>();
            if (o instanceof ConfigMap) {
                keys.addAll(nullToEmpty(((ConfigMap) o).getData()).keySet());
            } else {
                keys.addAll(nullToEmpty(((Secret) o).getData()).keySet());
                keys.addAll(nullToEmpty(((Secret) o).getStringData()).keySet());
            }
            return Optional.of(keys);
        }
        return Optional.empty();
    }

    private static Map<String, String> nullToEmpty(Map<String, String> map) {
        return map == null ? Map.of() : map;
    }
}
