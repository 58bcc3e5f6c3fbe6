package io.korch.testkit;

import io.korch.api.LabelSelector;
import io.korch.api.ObjectMeta;
import io.korch.api.PodTemplateSpec;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * What {@link Deployments} and {@link ReplicaSets} share: metadata, replicas, a selector of
 * {@code app=<name>} and a pod template with that label, whose spec a {@link Pods} builder makes.
 *
 * @param <W> the builder itself, returned by every setting
 */
public abstract class Workloads<W extends Workloads<W, ?>, T> {

    final String name;
    private final Map<String, String> labels = new LinkedHashMap<>();
    private final Map<String, String> selector = new LinkedHashMap<>();
    private final Map<String, String> templateLabels = new LinkedHashMap<>();
    private final Pods template;
    private String namespace = "default";
    private String uid;
    private Long generation = 1L;
    private Integer replicas = 3;
    private Instant created;

    Workloads(String name, String uid, Instant created) {
        this.name = name;
        this.uid = uid;
        this.created = created;
        this.template = Pods.pod(name);
        selector.put("app", name);
        templateLabels.put("app", name);
    }

    @SuppressWarnings("unchecked")
    private W self() {
        return (W) this;
    }

    public W namespace(String namespace) {
        this.namespace = namespace;
        return self();
    }

    public W uid(String uid) {
        this.uid = uid;
        return self();
    }

    public W generation(long generation) {
        this.generation = generation;
        return self();
    }

    /** The declared replicas; null leaves the field out. */
    public W replicas(Integer replicas) {
        this.replicas = replicas;
        return self();
    }

    /** Its {@code metadata.creationTimestamp}. */
    public W created(Instant created) {
        this.created = created;
        return self();
    }

    /**
     * As a user writes it: no uid, generation or creation time, which the API server sets.
     */
    public W asWritten() {
        generation = null;
        return uid(null).created(null);
    }

    /** A label of the object itself. */
    public W label(String key, String value) {
        labels.put(key, value);
        return self();
    }

    /** The value of the {@code app} label its selector requires and its template sets; the name by default. */
    public W app(String app) {
        selector.put("app", app);
        templateLabels.put("app", app);
        return self();
    }

    /** Replaces the selector's match labels. */
    public W selector(Map<String, String> matchLabels) {
        selector.clear();
        selector.putAll(matchLabels);
        return self();
    }

    /** A template label beyond those the selector requires. */
    public W templateLabel(String key, String value) {
        templateLabels.put(key, value);
        return self();
    }

    /** Replaces the template's labels. */
    public W templateLabels(Map<String, String> labels) {
        templateLabels.clear();
        templateLabels.putAll(labels);
        return self();
    }

    /** The image of the template's (last) container. */
    public W image(String image) {
        template.image(image);
        return self();
    }

    /** Changes the template's pod spec: {@code template(pod -> pod.cpu("250m").restartPolicy("Never"))}. */
    public W template(Consumer<Pods> change) {
        change.accept(template);
        return self();
    }

    public abstract T build();

    ObjectMeta meta() {
        return ObjectMeta.newBuilder()
                .setName(name)
                .setNamespace(namespace)
                .setUid(uid)
                .setGeneration(generation)
                .setCreationTimestamp(created)
                .setLabels(new LinkedHashMap<>(labels))
                .build();
    }

    Integer replicas() {
        return replicas;
    }

    LabelSelector labelSelector() {
        return LabelSelector.newBuilder().setMatchLabels(new LinkedHashMap<>(selector)).build();
    }

    PodTemplateSpec podTemplate() {
        return PodTemplateSpec.newBuilder()
                .setMetadata(ObjectMeta.newBuilder().setLabels(new LinkedHashMap<>(templateLabels)).build())
                .setSpec(template.spec())
                .build();
    }
}
