package io.korch.gateway.allocation;

import io.korch.api.Allocation;
import io.korch.api.Precondition;
import io.korch.api.PreconditionType;
import io.korch.api.Service;
import io.korch.api.ServicePort;
import io.korch.api.ServiceSpec;
import io.korch.gateway.kafka.ChangeRequests;
import io.korch.gateway.kafka.WriteRefused;
import io.korch.gateway.resource.ApiError;
import io.korch.gateway.validation.Causes;
import io.korch.gateway.validation.ServiceValidator.GoStrings;
import io.korch.gateway.view.ClusterView;
import io.korch.model.ApiKind;
import io.korch.model.ServiceDefaults;
import io.korch.topics.Keys;
import io.korch.topics.Topics;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Random;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives Services their cluster-wide unique values before they are written: a ClusterIP from the
 * Service network unless the Service is headless, and a node port for every port of a NodePort
 * or LoadBalancer Service that has none; a requested value is honoured when it is free.
 *
 * <p>Each value is claimed through the change log: a record of {@link Topics#ALLOCATIONS} keyed by
 * the value ({@link Claims#clusterIp}, {@link Claims#nodePort}) with an {@code ABSENT}
 * precondition, so of two gateways claiming one value only the first wins; the other picks
 * another free value, or, for a requested one, answers 422 as Kubernetes does. A claim comes
 * before the Service is written; when the write fails the claims are released. A claim whose
 * Service does not hold its value — the gateway stopped between the claim and the write — is
 * taken over after {@link #RECLAIM_AFTER}, based on the revision it was read at. Values the
 * Service held and no longer does (deleted, a port gone, no longer a NodePort) are released
 * after the Service is written ({@link #release}).
 *
 * <p>Picks are random, from the values {@link Claims} does not show as taken. Confined to the API
 * verticle's event loop.
 */
public final class ServiceAllocator {

    static final String IP_ALLOCATED = "provided IP is already allocated";
    static final String PORT_ALLOCATED = "provided port is already allocated";
    /** How long a claim whose Service does not hold its value is kept before another Service may take it. */
    public static final Duration RECLAIM_AFTER = Duration.ofMinutes(2);
    /** How many picks are tried while other gateways take each one first. */
    static final int ATTEMPTS = 16;

    private static final Logger LOG = LoggerFactory.getLogger(ServiceAllocator.class);

    private final ServiceRanges ranges;
    private final ClusterIpRange ips;
    private final NodePortRange ports;
    private final Claims claims;
    private final ChangeRequests requests;
    private final ClusterView view;
    private final Clock clock;
    private final Random random;

    /**
     * Allocates from {@code ranges}, knowing what is taken from {@code claims} and which Services
     * hold what from {@code view}; claims and releases with {@code requests}.
     */
    public ServiceAllocator(ServiceRanges ranges, Claims claims, ChangeRequests requests, ClusterView view, Clock clock,
                            Random random) {
        this.ranges = ranges;
        this.ips = ranges.clusterIps();
        this.ports = ranges.nodePorts();
        this.claims = claims;
        this.requests = requests;
        this.view = view;
        this.clock = clock;
        this.random = random;
    }

    /**
     * What allocating gave a Service.
     *
     * @param service  the Service with its ClusterIP and node ports
     * @param claimed  the claims made for it now: release them if the Service is not written
     * @param released the claims its previous version held that it no longer does: release them once it is written
     */
    public record Allocated(Service service, List<String> claimed, List<String> released) {
    }

    /**
     * Claims the values {@code service} needs that {@code previous} (null on create) did not hold,
     * and fills them in.
     *
     * @return the allocation; fails with a 422 naming the field when a requested value is out of
     *         range or taken, a 500 when a range is full, the write's failure otherwise — having
     *         released what it claimed
     */
    public Future<Allocated> allocate(Service service, Service previous) {
        Set<String> before = previous == null ? Set.of() : heldKeys(previous);
        try {
            checkRequested(service, previous, before);
        } catch (ApiError refused) {
            return Future.failedFuture(refused);
        }
        Allocation allocation = Allocation.newBuilder().setKind(ApiKind.SERVICE.kind())
                .setObjectKey(objectKey(service)).setUid(service.getMetadata().getUid())
                .setClaimedAt(clock.instant()).build();
        List<String> claimed = new ArrayList<>();
        ServiceSpec spec = service.getSpec();
        Future<ServiceSpec> result = Future.succeededFuture(spec);
        if (previous == null && !ServiceDefaults.headless(spec)) {
            result = result.compose(current -> clusterIp(current, allocation, claimed));
        }
        for (int i = 0; i < spec.getPorts().size(); i++) {
            int index = i;
            ServicePort port = spec.getPorts().get(i);
            boolean requested = port.getNodePort() != null;
            if (requested && !before.contains(Claims.nodePort(port.getProtocol(), port.getNodePort()))
                    || !requested && ServiceDefaults.allocatesNodePorts(spec)) {
                result = result.compose(current -> nodePort(current, index, allocation, claimed));
            }
        }
        return result
                .map(allocated -> {
                    Service withValues = Service.newBuilder(service).setSpec(allocated).build();
                    List<String> released = before.stream().filter(key -> !heldKeys(withValues).contains(key)).toList();
                    return new Allocated(withValues, List.copyOf(claimed), released);
                })
                .recover(error -> release(service, claimed).transform(ignored -> Future.failedFuture(error)));
    }

    /**
     * {@code service} as {@link #allocate} would make it, with picks that are not claimed: for a
     * dry run. Throws the 422 a requested value would get.
     */
    public Service plan(Service service, Service previous) {
        Set<String> before = previous == null ? Set.of() : heldKeys(previous);
        checkRequested(service, previous, before);
        ServiceSpec.Builder spec = ServiceSpec.newBuilder(service.getSpec());
        if (previous == null && !ServiceDefaults.headless(service.getSpec()) && service.getSpec().getClusterIP() == null) {
            ips.pick(this::ipTaken, random).ifPresent(ip -> spec.setClusterIP(ip).setClusterIPs(List.of(ip)));
        }
        if (ServiceDefaults.allocatesNodePorts(service.getSpec())) {
            List<ServicePort> planned = new ArrayList<>();
            for (ServicePort port : service.getSpec().getPorts()) {
                OptionalInt picked = port.getNodePort() != null ? OptionalInt.empty()
                        : ports.pick(p -> portTaken(port.getProtocol(), p), random);
                planned.add(picked.isPresent() ? ServicePort.newBuilder(port).setNodePort(picked.getAsInt()).build() : port);
            }
            spec.setPorts(planned);
        }
        return Service.newBuilder(service).setSpec(spec.build()).build();
    }

    /**
     * Releases the claims {@code keys} that {@code holder} holds, each at the revision it is known
     * at, so a claim another Service took over meanwhile is left alone. A release that fails is
     * logged: its claim is taken over after {@link #RECLAIM_AFTER}. Never fails.
     */
    public Future<Void> release(Service holder, Collection<String> keys) {
        List<Future<?>> releases = new ArrayList<>();
        for (String key : keys) {
            Optional<Claims.Claim> claim = claims.holder(key);
            if (claim.isEmpty() || !claim.get().allocation().getObjectKey().equals(objectKey(holder))) {
                continue;
            }
            Precondition unchanged = precondition(PreconditionType.AT_REVISION, key, claim.get().revision());
            releases.add(requests.write(Topics.ALLOCATIONS, key, null, List.of(unchanged), actor())
                    .onSuccess(revision -> claims.apply(key, null, revision))
                    .onFailure(error -> LOG.warn("the claim {} of Service {} was not released: {}", key,
                            objectKey(holder), error.getMessage())));
        }
        return Future.join(releases).<Void>mapEmpty().otherwiseEmpty();
    }

    /** The claim keys of the values {@code service} holds: its ClusterIP and its node ports. */
    public static Set<String> heldKeys(Service service) {
        Set<String> keys = new LinkedHashSet<>();
        ServiceSpec spec = service.getSpec();
        if (spec.getClusterIP() != null && !ServiceDefaults.NONE.equals(spec.getClusterIP())) {
            keys.add(Claims.clusterIp(spec.getClusterIP()));
        }
        for (ServicePort port : spec.getPorts()) {
            if (port.getNodePort() != null) {
                keys.add(Claims.nodePort(protocol(port), port.getNodePort()));
            }
        }
        return keys;
    }

    /** Refuses a requested ClusterIP or node port that is out of range or taken, as Kubernetes words it. */
    private void checkRequested(Service service, Service previous, Set<String> before) {
        ServiceSpec spec = service.getSpec();
        String name = service.getMetadata().getName();
        String ip = spec.getClusterIP();
        if (previous == null && ip != null && !ServiceDefaults.NONE.equals(ip)) {
            Optional<String> problem = ips.problem(ip).or(() -> ipTaken(ip) ? Optional.of(IP_ALLOCATED) : Optional.empty());
            if (problem.isPresent()) {
                throw ipRefused(name, ip, problem.get());
            }
        }
        for (int i = 0; i < spec.getPorts().size(); i++) {
            ServicePort port = spec.getPorts().get(i);
            Integer nodePort = port.getNodePort();
            if (nodePort == null || before.contains(Claims.nodePort(protocol(port), nodePort))) {
                continue;
            }
            Optional<String> problem = ports.problem(nodePort)
                    .or(() -> portTaken(protocol(port), nodePort) ? Optional.of(PORT_ALLOCATED) : Optional.empty());
            if (problem.isPresent()) {
                throw portRefused(name, i, nodePort, problem.get());
            }
        }
    }

    private Future<ServiceSpec> clusterIp(ServiceSpec spec, Allocation allocation, List<String> claimed) {
        String requested = spec.getClusterIP();
        if (requested != null) {
            return claim(Claims.clusterIp(requested), allocation, claimed, false)
                    .map(ignored -> withClusterIp(spec, requested))
                    .recover(error -> Future.failedFuture(error instanceof Taken
                            ? ipRefused(allocation.getObjectKey(), requested, IP_ALLOCATED) : error));
        }
        return picked(ATTEMPTS, () -> ips.pick(this::ipTaken, random).map(Claims::clusterIp), allocation, claimed,
                "serviceIP")
                .map(key -> withClusterIp(spec, key.substring(key.indexOf('/') + 1)));
    }

    private Future<ServiceSpec> nodePort(ServiceSpec spec, int index, Allocation allocation, List<String> claimed) {
        ServicePort port = spec.getPorts().get(index);
        String protocol = protocol(port);
        if (port.getNodePort() != null) {
            int requested = port.getNodePort();
            return claim(Claims.nodePort(protocol, requested), allocation, claimed, false)
                    .map(ignored -> spec)
                    .recover(error -> Future.failedFuture(error instanceof Taken
                            ? portRefused(allocation.getObjectKey(), index, requested, PORT_ALLOCATED) : error));
        }
        return picked(ATTEMPTS, () -> {
            OptionalInt pick = ports.pick(p -> portTaken(protocol, p), random);
            return pick.isPresent() ? Optional.of(Claims.nodePort(protocol, pick.getAsInt())) : Optional.empty();
        }, allocation, claimed, "nodePort").map(key -> {
            int number = Integer.parseInt(key.substring(key.lastIndexOf('/') + 1));
            List<ServicePort> withPort = new ArrayList<>(spec.getPorts());
            withPort.set(index, ServicePort.newBuilder(port).setNodePort(number).build());
            return ServiceSpec.newBuilder(spec).setPorts(withPort).build();
        });
    }

    /** Claims the key {@code pick} gives, picking again while other claims win, at most {@code attempts} times. */
    private Future<String> picked(int attempts, Supplier<Optional<String>> pick, Allocation allocation,
                                  List<String> claimed, String what) {
        Optional<String> key = pick.get();
        if (key.isEmpty()) {
            return Future.failedFuture(ApiError.internal("Internal error occurred: failed to allocate a " + what
                    + ": range is full"));
        }
        return claim(key.get(), allocation, claimed, true).map(key.get()).recover(error -> {
            if (!(error instanceof Taken)) {
                return Future.failedFuture(error);
            }
            if (attempts <= 1) {
                return Future.failedFuture(ApiError.internal("Internal error occurred: failed to allocate a " + what
                        + ": every free value picked was taken by another Service meanwhile; try again"));
            }
            return picked(attempts - 1, pick, allocation, claimed, what);
        });
    }

    /**
     * Claims {@code key}: while nothing holds it, or over a claim that may be taken over, at its
     * revision. Fails with {@link Taken} when another claim holds it; a picked value is then known
     * as taken until the claims topic brings the claim that won, so it is not picked again.
     */
    private Future<Void> claim(String key, Allocation allocation, List<String> claimed, boolean picked) {
        Optional<Claims.Claim> stale = claims.holder(key);
        Precondition free = stale.isPresent()
                ? precondition(PreconditionType.AT_REVISION, key, stale.get().revision())
                : precondition(PreconditionType.ABSENT, key, 0);
        return requests.write(Topics.ALLOCATIONS, key, allocation, List.of(free), actor())
                .<Void>map(revision -> {
                    claims.apply(key, allocation, revision);
                    claimed.add(key);
                    return null;
                })
                .recover(error -> {
                    if (error instanceof WriteRefused refused && refused.failed() != null) {
                        if (picked && refused.currentRevision() > 0) {
                            claims.apply(key, unknownHolder(), refused.currentRevision());
                        }
                        return Future.failedFuture(new Taken(key));
                    }
                    return Future.failedFuture(error);
                });
    }

    /** Whether a live claim holds {@code ip}, one that may not be taken over yet. */
    private boolean ipTaken(String ip) {
        return taken(Claims.clusterIp(ip));
    }

    private boolean portTaken(String protocol, int port) {
        return taken(Claims.nodePort(protocol, port));
    }

    private boolean taken(String key) {
        return claims.holder(key).filter(claim -> !reclaimable(key, claim.allocation())).isPresent();
    }

    /**
     * Whether a claim may be taken over: older than {@link #RECLAIM_AFTER}, and its Service is gone,
     * is another one of that name, or does not hold the value.
     */
    private boolean reclaimable(String key, Allocation claim) {
        if (claim.getClaimedAt().plus(RECLAIM_AFTER).isAfter(clock.instant())) {
            return false;
        }
        Service holder = view.table(Topics.SERVICES).value(claim.getObjectKey());
        return holder == null
                || claim.getUid() != null && !claim.getUid().equals(holder.getMetadata().getUid())
                || !heldKeys(holder).contains(key);
    }

    /** A claim known only from a refusal, until the claims topic brings it: not taken over before its time. */
    private Allocation unknownHolder() {
        return Allocation.newBuilder().setKind(ApiKind.SERVICE.kind()).setObjectKey("").setClaimedAt(clock.instant())
                .build();
    }

    private ApiError ipRefused(String name, String ip, String problem) {
        return ApiError.invalid(ApiKind.SERVICE, nameOf(name), new Causes()
                .invalid("spec.clusterIPs", new GoStrings(List.of(ip)), "failed to allocate IP " + ip + ": " + problem)
                .list());
    }

    private ApiError portRefused(String name, int index, int nodePort, String problem) {
        return ApiError.invalid(ApiKind.SERVICE, nameOf(name), new Causes()
                .invalid("spec.ports[" + index + "].nodePort", nodePort, problem).list());
    }

    /** The ranges allocated from. */
    public ServiceRanges ranges() {
        return ranges;
    }

    private static ServiceSpec withClusterIp(ServiceSpec spec, String ip) {
        return ServiceSpec.newBuilder(spec).setClusterIP(ip).setClusterIPs(List.of(ip)).build();
    }

    private String actor() {
        return "gateway/" + requests.gateway();
    }

    private static Precondition precondition(PreconditionType type, String key, long revision) {
        return Precondition.newBuilder().setType(type).setTopic(Topics.ALLOCATIONS.name()).setKey(key)
                .setRevision(revision).build();
    }

    private static String objectKey(Service service) {
        return Keys.of(service.getMetadata().getNamespace(), service.getMetadata().getName());
    }

    /** The name of {@code name} or of an object key. */
    private static String nameOf(String name) {
        return name.contains("/") ? Keys.name(name) : name;
    }

    private static String protocol(ServicePort port) {
        return port.getProtocol() == null ? ServiceDefaults.TCP : port.getProtocol();
    }

    /** Another claim holds the key. */
    private static final class Taken extends RuntimeException {
        Taken(String key) {
            super(key + " is claimed", null, false, false);
        }
    }
}
