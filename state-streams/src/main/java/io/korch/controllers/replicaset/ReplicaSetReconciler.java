package io.korch.controllers.replicaset;

import static io.korch.model.EventReasons.SUCCESSFUL_CREATE;
import static io.korch.model.EventReasons.SUCCESSFUL_DELETE;

import io.korch.api.Event;
import io.korch.api.ObjectMeta;
import io.korch.api.OwnerReference;
import io.korch.api.Pod;
import io.korch.api.PodOwnership;
import io.korch.api.PodTemplateSpec;
import io.korch.api.ReplicaSet;
import io.korch.api.ReplicaSetStatus;
import io.korch.controllers.Ids;
import io.korch.controllers.Ownership;
import io.korch.controllers.StatusUpdate;
import io.korch.json.ApiJson;
import io.korch.model.Events;
import io.korch.model.Owners;
import io.korch.model.Selector;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The replicaset controller's reconcile step: from a ReplicaSet (desired) and the pods it controls
 * and the orphans around it (observed), decides which pods to create, delete, adopt and release and
 * what the ReplicaSet status is.
 *
 * <p>The ReplicaSet groups its pods by its label selector, as in Kubernetes. It releases the pods it
 * controls whose labels no longer match the selector: they lose their ownerReference and live on as
 * orphans, and a replacement is created. It deletes the pods that cannot count any more and must be
 * replaced: pods of an earlier ReplicaSet of the same name (another owner uid), pods bound to a node
 * the node-lifecycle controller declared NotReady, and pods that finished for good (phase Failed or
 * Succeeded, as in Kubernetes, where a ReplicaSet's pods always restart). A pod a user declared is
 * never deleted by the controller, whose topics do not hold it: where such a pod would be deleted it
 * is released instead.
 *
 * <p>While it has fewer pods than declared it adopts matching orphans of its namespace — those that
 * still run and are not on a NotReady node, the most advanced first ({@link #ADOPTION_ORDER}) — and
 * creates pods named {@code <replicaset>-<5 random characters>} from the template for the rest.
 * Adopting only what it lacks means it never adopts a pod only to delete it; an orphan it does not
 * need stays an orphan. Surplus pods go in {@link #DELETION_ORDER} — unscheduled before scheduled
 * before running, not ready before ready, newest first — those it wrote before those a user
 * declared, which are released.
 *
 * <p>A ReplicaSet that was deleted takes its pods with it; one being deleted with
 * {@code propagationPolicy: Orphan} ({@link Owners#orphaning}) releases them all instead.
 *
 * <p>The status counts the pods it controls after these actions: {@code replicas},
 * {@code fullyLabeledReplicas} (pods carrying every template label), {@code readyReplicas} (pods
 * reported with condition Ready=True) and {@code availableReplicas} (those ready for at least
 * {@code minReadySeconds}). It is written only when it changed.
 *
 * <p>The step is a pure function and idempotent: applied to the state its own actions produced, it
 * creates, deletes, adopts and releases nothing and keeps the status.
 */
public final class ReplicaSetReconciler {

    /** The component named in the events this controller records. */
    public static final String COMPONENT = "replicaset-controller";
    /** Generated names keep within a DNS label: at most 63 characters including the 5-character suffix. */
    static final int MAX_GENERATED_BASE_LENGTH = 63 - Ids.SUFFIX_LENGTH;

    /**
     * The order in which surplus pods go, first to last: unscheduled, then scheduled but not running,
     * then running but not ready, then ready; within each, the newest first, then by name.
     */
    public static final Comparator<ObservedPod> DELETION_ORDER = Comparator
            .comparingInt(ReplicaSetReconciler::progress)
            .thenComparing(ObservedPod::created, Comparator.nullsFirst(Comparator.<Instant>reverseOrder()))
            .thenComparing(ObservedPod::name, Comparator.reverseOrder());

    /** The order in which orphans are adopted, first to last: the reverse of {@link #DELETION_ORDER}. */
    public static final Comparator<ObservedPod> ADOPTION_ORDER = DELETION_ORDER.reversed();

    /** {@link #DELETION_ORDER} among the pods the controller wrote, then among those users declared. */
    private static final Comparator<ObservedPod> SURPLUS_ORDER =
            Comparator.comparing(ObservedPod::declared).thenComparing(DELETION_ORDER);

    private ReplicaSetReconciler() {
    }

    /**
     * Reconciles one ReplicaSet.
     *
     * @param desired  the ReplicaSet, or null when it was deleted: then every pod and the status go
     * @param observed its pods, the orphans it may adopt, the NotReady nodes among theirs, and the
     *                 status as last written
     * @param now      the current time, for new pods, ownership records and events
     * @param ids      the source of pod uids and name suffixes
     */
    public static ReplicaSetActions reconcile(ReplicaSet desired, ReplicaSetObserved observed, Instant now, Ids ids) {
        if (desired == null || desired.getMetadata().getDeletionTimestamp() != null) {
            return deleted(desired, observed);
        }
        String uid = desired.getMetadata().getUid();
        Selector selector = Selector.of(desired.getSpec().getSelector());
        List<Pod> delete = new ArrayList<>();
        List<Pod> release = new ArrayList<>();
        List<Event> events = new ArrayList<>();
        List<ObservedPod> active = new ArrayList<>();
        for (ObservedPod pod : observed.pods()) {
            String why = replacementReason(pod, uid, observed.notReadyNodes());
            if (why == null && selector.matches(pod.pod().getMetadata().getLabels())) {
                active.add(pod);
            } else if (why == null || pod.declared()) {
                release.add(pod.pod());
            } else {
                delete.add(pod.pod());
                events.add(podEvent(desired, SUCCESSFUL_DELETE, "Deleted pod: " + pod.name() + " (" + why + ")", now));
            }
        }

        int wanted = replicas(desired);
        List<Pod> adopt = new ArrayList<>();
        if (active.size() < wanted) {
            List<ObservedPod> candidates = new ArrayList<>();
            for (ObservedPod orphan : observed.orphans()) {
                if (adoptable(orphan, selector, observed.notReadyNodes())) {
                    candidates.add(orphan);
                }
            }
            candidates.sort(ADOPTION_ORDER);
            for (ObservedPod orphan : candidates.subList(0, Math.min(candidates.size(), wanted - active.size()))) {
                adopt.add(orphan.pod());
                active.add(orphan);
            }
        }
        List<Pod> create = new ArrayList<>();
        if (active.size() < wanted) {
            Set<String> taken = new HashSet<>();
            observed.pods().forEach(pod -> taken.add(pod.name()));
            observed.orphans().forEach(pod -> taken.add(pod.name()));
            for (int i = active.size(); i < wanted; i++) {
                Pod pod = newPod(desired, taken, now, ids);
                taken.add(pod.getMetadata().getName());
                create.add(pod);
                events.add(podEvent(desired, SUCCESSFUL_CREATE, "Created pod: " + pod.getMetadata().getName(), now));
            }
        } else if (active.size() > wanted) {
            List<ObservedPod> ranked = new ArrayList<>(active);
            ranked.sort(SURPLUS_ORDER);
            int surplus = active.size() - wanted;
            for (ObservedPod pod : ranked.subList(0, surplus)) {
                if (pod.declared()) {
                    release.add(pod.pod());
                } else {
                    delete.add(pod.pod());
                    events.add(podEvent(desired, SUCCESSFUL_DELETE, "Deleted pod: " + pod.name(), now));
                }
            }
            active = ranked.subList(surplus, ranked.size());
        }

        List<ObservedPod> remaining = new ArrayList<>(active);
        create.forEach(pod -> remaining.add(new ObservedPod(pod, null, null)));
        ReplicaSetStatus status = status(desired, remaining, now);
        return new ReplicaSetActions(delete, create, adopt, release, StatusUpdate.ifChanged(observed.status(), status),
                events);
    }

    /**
     * A ReplicaSet that is gone, or being deleted: with {@code propagationPolicy: Orphan} it releases
     * every pod; otherwise it deletes the pods it wrote and releases those users declared. The status
     * goes either way.
     */
    private static ReplicaSetActions deleted(ReplicaSet desired, ReplicaSetObserved observed) {
        boolean orphan = desired != null && Owners.orphaning(desired.getMetadata());
        List<Pod> delete = new ArrayList<>();
        List<Pod> release = new ArrayList<>();
        for (ObservedPod pod : observed.pods()) {
            (orphan || pod.declared() ? release : delete).add(pod.pod());
        }
        StatusUpdate<ReplicaSetStatus> status = observed.status() == null ? StatusUpdate.keep() : StatusUpdate.delete();
        return new ReplicaSetActions(delete, List.of(), List.of(), release, status, List.of());
    }

    /** Whether a ReplicaSet with {@code selector} may adopt {@code orphan}: it matches, still runs, and its node is not NotReady. */
    private static boolean adoptable(ObservedPod orphan, Selector selector, Set<String> notReadyNodes) {
        return Owners.controller(orphan.pod().getMetadata()) == null
                && orphan.pod().getMetadata().getDeletionTimestamp() == null
                && selector.matches(orphan.pod().getMetadata().getLabels())
                && !orphan.terminated()
                && !(orphan.bound() && notReadyNodes.contains(orphan.nodeName()));
    }

    /**
     * A user's request to delete {@code pod}, one of the ReplicaSet's pods: the pod goes as a
     * surplus pod does (tombstone and {@code SuccessfulDelete} event), the status is left to the
     * reconcile that follows and replaces it. A request about another pod of the same name (another
     * uid, such as an earlier pod of the name found again when the compacted topic is replayed) does
     * nothing, nor does a missing request or pod.
     *
     * @param owner   the ReplicaSet controlling the pod, or null when it is gone: then no event
     * @param pod     the pod this controller wrote under the request's key, or null
     * @param request the deletion request: the pod as the user saw it
     * @param now     the current time, for the event
     */
    public static ReplicaSetActions deleteRequested(ReplicaSet owner, Pod pod, Pod request, Instant now) {
        if (pod == null || request == null || request.getMetadata() == null
                || request.getMetadata().getUid() == null
                || !request.getMetadata().getUid().equals(pod.getMetadata().getUid())) {
            return new ReplicaSetActions(List.of(), List.of(), StatusUpdate.keep(), List.of());
        }
        List<Event> events = owner == null
                ? List.of()
                : List.of(podEvent(owner, SUCCESSFUL_DELETE, "Deleted pod: " + pod.getMetadata().getName(), now));
        return new ReplicaSetActions(List.of(pod), List.of(), StatusUpdate.keep(), events);
    }

    /** The declared replicas: null means 1, negative means 0. */
    public static int replicas(ReplicaSet replicaSet) {
        Integer declared = replicaSet.getSpec().getReplicas();
        return declared == null ? 1 : Math.max(0, declared);
    }

    /**
     * When the next of {@code pods} that is ready but not yet available becomes available (its
     * {@code minReadySeconds} run out), or null when none is waiting for that.
     */
    static Instant nextAvailable(ReplicaSet replicaSet, Collection<ObservedPod> pods, Instant now) {
        int minReady = minReadySeconds(replicaSet);
        Instant next = null;
        for (ObservedPod pod : pods) {
            Instant since = pod.readySince();
            if (minReady > 0 && since != null && !pod.available(minReady, now)) {
                Instant at = since.plusSeconds(minReady);
                next = next == null || at.isBefore(next) ? at : next;
            }
        }
        return next;
    }

    private static int minReadySeconds(ReplicaSet replicaSet) {
        Integer minReady = replicaSet == null ? null : replicaSet.getSpec().getMinReadySeconds();
        return minReady == null ? 0 : Math.max(0, minReady);
    }

    /** The status of a ReplicaSet with these pods at {@code now}. */
    static ReplicaSetStatus status(ReplicaSet replicaSet, List<ObservedPod> pods, Instant now) {
        PodTemplateSpec template = replicaSet.getSpec().getTemplate();
        Map<String, String> templateLabels = template.getMetadata() == null
                ? Map.of()
                : template.getMetadata().getLabels();
        int minReady = minReadySeconds(replicaSet);
        int fullyLabeled = 0;
        int ready = 0;
        int available = 0;
        for (ObservedPod pod : pods) {
            if (pod.pod().getMetadata().getLabels().entrySet().containsAll(templateLabels.entrySet())) {
                fullyLabeled++;
            }
            if (pod.ready()) {
                ready++;
            }
            if (pod.available(minReady, now)) {
                available++;
            }
        }
        return ReplicaSetStatus.newBuilder()
                .setReplicas(pods.size())
                .setFullyLabeledReplicas(fullyLabeled)
                .setReadyReplicas(ready)
                .setAvailableReplicas(available)
                .setObservedGeneration(replicaSet.getMetadata().getGeneration())
                .build();
    }

    /** Why a pod must be replaced, or null when it still counts. */
    private static String replacementReason(ObservedPod pod, String replicaSetUid, Set<String> notReadyNodes) {
        if (!Ownership.isControlledBy(pod.pod().getMetadata(), replicaSetUid)) {
            return "owned by an earlier replica set of this name";
        }
        if (pod.bound() && notReadyNodes.contains(pod.nodeName())) {
            return "node " + pod.nodeName() + " is NotReady";
        }
        if (pod.terminated()) {
            return "phase " + pod.phase();
        }
        return null;
    }

    /** 0 unscheduled, 1 scheduled, 2 running, 3 running and ready. */
    private static int progress(ObservedPod pod) {
        if (!pod.bound()) {
            return 0;
        }
        if (!pod.running()) {
            return 1;
        }
        return pod.ready() ? 3 : 2;
    }

    /** A new pod from the template: template labels, annotations and spec, owned by the ReplicaSet. */
    static Pod newPod(ReplicaSet replicaSet, Set<String> taken, Instant now, Ids ids) {
        ObjectMeta owner = replicaSet.getMetadata();
        String base = owner.getName() + "-";
        if (base.length() > MAX_GENERATED_BASE_LENGTH) {
            base = base.substring(0, MAX_GENERATED_BASE_LENGTH);
        }
        String name = base + ids.nameSuffix();
        while (taken.contains(name)) {
            name = base + ids.nameSuffix();
        }
        PodTemplateSpec template = replicaSet.getSpec().getTemplate();
        ObjectMeta templateMeta = template.getMetadata();
        ObjectMeta meta = ObjectMeta.newBuilder()
                .setName(name)
                .setGenerateName(base)
                .setNamespace(owner.getNamespace())
                .setUid(ids.uid())
                .setLabels(templateMeta == null ? new HashMap<>() : new HashMap<>(templateMeta.getLabels()))
                .setAnnotations(templateMeta == null ? new HashMap<>() : new HashMap<>(templateMeta.getAnnotations()))
                .setCreationTimestamp(now)
                .setOwnerReferences(Ownership.controlledBy(
                        replicaSet.getApiVersion(), replicaSet.getKind(), owner.getName(), owner.getUid()))
                .build();
        return Pod.newBuilder().setMetadata(meta).setSpec(ApiJson.copy(template.getSpec())).build();
    }

    /**
     * The {@code korch.pod-owners} record of {@code pod}: controlled by {@code controller}, or an
     * orphan when it is null.
     */
    static PodOwnership ownership(Pod pod, ReplicaSet controller, Instant now) {
        List<OwnerReference> owners = controller == null
                ? new ArrayList<>()
                : Ownership.controlledBy(controller.getApiVersion(), controller.getKind(),
                        controller.getMetadata().getName(), controller.getMetadata().getUid());
        return PodOwnership.newBuilder()
                .setPodUid(pod.getMetadata().getUid())
                .setOwnerReferences(owners)
                .setTimestamp(now)
                .build();
    }

    private static Event podEvent(ReplicaSet replicaSet, String reason, String message, Instant now) {
        ObjectMeta meta = replicaSet.getMetadata();
        return Events.of(Events.ref(replicaSet.getKind(), meta.getNamespace(), meta.getName(), meta.getUid()),
                Events.NORMAL, reason, message, COMPONENT, null, now);
    }
}
