package io.korch.gateway.validation;

import io.korch.api.Container;
import io.korch.api.ContainerPort;
import io.korch.api.PodSpec;
import io.korch.api.ResourceRequirements;
import io.korch.model.Names;
import io.korch.model.Quantity;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToLongFunction;

/**
 * Rules on a pod spec, shared by pods and the pod templates of ReplicaSets and Deployments: its
 * containers and init containers (names unique across both), their ports, resources, environment
 * ({@link EnvRules}), probes and hooks ({@link HandlerRules}, none on init containers, as
 * Kubernetes refuses them there), mounts of the pod's volumes ({@link VolumeRules}) and security
 * contexts ({@link SecurityContextRules}).
 */
public final class PodSpecRules {

    /** Restart policies a bare pod may have. */
    public static final List<String> POD_RESTART_POLICIES = List.of("Always", "OnFailure", "Never");
    /** Restart policies a ReplicaSet or Deployment template may have: its pods must keep running. */
    public static final List<String> TEMPLATE_RESTART_POLICIES = List.of("Always");

    static final List<String> PROTOCOLS = List.of("TCP", "UDP", "SCTP");
    /** The protocols of a port with a hostPort: the node proxy forwards TCP only. */
    static final List<String> HOST_PORT_PROTOCOLS = List.of("TCP");
    static final List<String> PULL_POLICIES = List.of("Always", "IfNotPresent", "Never");
    static final List<String> RESOURCES = List.of("cpu", "memory");
    static final String PORT_RANGE = "must be between 1 and 65535, inclusive";
    static final String NOT_ON_INIT_CONTAINERS = "may not be set for init containers without restartPolicy=Always";
    /** The grace period of a pod that sets none, as Kubernetes defaults it. */
    static final long DEFAULT_GRACE_SECONDS = 30;

    private PodSpecRules() {
    }

    /** Checks {@code spec}, found at {@code path}, allowing the restart policies of {@code restartPolicies}. */
    public static void validate(PodSpec spec, String path, List<String> restartPolicies, Causes causes) {
        List<Container> containers = spec.getContainers();
        Set<String> volumes = VolumeRules.validate(spec.getVolumes(), path + ".volumes", causes);
        long grace = spec.getTerminationGracePeriodSeconds() == null ? DEFAULT_GRACE_SECONDS
                : spec.getTerminationGracePeriodSeconds();
        Set<String> names = new HashSet<>();
        if (containers == null || containers.isEmpty()) {
            causes.required(path + ".containers");
        } else {
            Set<String> hostPorts = new HashSet<>();
            PodTotals requests = new PodTotals("requests");
            PodTotals limits = new PodTotals("limits");
            for (int i = 0; i < containers.size(); i++) {
                String containerPath = path + ".containers[" + i + "]";
                Container container = containers.get(i);
                container(container, containerPath, names, hostPorts, causes);
                configuration(container, spec, containerPath, volumes, causes);
                HandlerRules.validate(container, containerPath, grace, causes);
                if (container.getResources() != null) {
                    resources(container.getResources(), containerPath + ".resources", requests, limits, causes);
                }
            }
        }
        initContainers(spec, path, names, volumes, causes);
        SecurityContextRules.pod(spec.getSecurityContext(), path + ".securityContext", causes);
        String serviceAccount = spec.getServiceAccountName();
        if (serviceAccount != null && !serviceAccount.isEmpty() && Names.checkDns1123Subdomain(serviceAccount) != null) {
            causes.invalid(path + ".serviceAccountName", serviceAccount, Names.checkDns1123Subdomain(serviceAccount));
        }
        String restartPolicy = spec.getRestartPolicy();
        if (restartPolicy != null && !restartPolicies.contains(restartPolicy)) {
            causes.notSupported(path + ".restartPolicy", restartPolicy, restartPolicies);
        }
        MetadataRules.labels(spec.getNodeSelector(), path + ".nodeSelector", causes);
        if (grace < 0) {
            causes.invalid(path + ".terminationGracePeriodSeconds", grace, "must be greater than or equal to 0");
        }
    }

    /**
     * Checks the init containers of {@code spec}: as containers, their names unique among all the
     * pod's containers ({@code names} holds those of the regular ones), without probes or hooks.
     */
    private static void initContainers(PodSpec spec, String path, Set<String> names, Set<String> volumes,
                                       Causes causes) {
        List<Container> initContainers = spec.getInitContainers();
        Set<String> hostPorts = new HashSet<>();
        PodTotals requests = new PodTotals("requests");
        PodTotals limits = new PodTotals("limits");
        for (int i = 0; i < initContainers.size(); i++) {
            String containerPath = path + ".initContainers[" + i + "]";
            Container container = initContainers.get(i);
            container(container, containerPath, names, hostPorts, causes);
            configuration(container, spec, containerPath, volumes, causes);
            if (container.getLifecycle() != null) {
                causes.forbidden(containerPath + ".lifecycle", NOT_ON_INIT_CONTAINERS);
            }
            if (container.getLivenessProbe() != null) {
                causes.forbidden(containerPath + ".livenessProbe", NOT_ON_INIT_CONTAINERS);
            }
            if (container.getReadinessProbe() != null) {
                causes.forbidden(containerPath + ".readinessProbe", NOT_ON_INIT_CONTAINERS);
            }
            if (container.getStartupProbe() != null) {
                causes.forbidden(containerPath + ".startupProbe", NOT_ON_INIT_CONTAINERS);
            }
            if (container.getResources() != null) {
                resources(container.getResources(), containerPath + ".resources", requests, limits, causes);
            }
        }
    }

    /** Checks what a container is given to run with: environment, mounts and security context. */
    private static void configuration(Container container, PodSpec spec, String path, Set<String> volumes,
                                      Causes causes) {
        EnvRules.envFrom(container.getEnvFrom(), path + ".envFrom", causes);
        VolumeRules.mounts(container.getVolumeMounts(), volumes, path + ".volumeMounts", causes);
        SecurityContextRules.container(container.getSecurityContext(), spec.getSecurityContext(),
                path + ".securityContext", causes);
    }

    private static void container(Container container, String path, Set<String> names, Set<String> hostPorts,
                                  Causes causes) {
        String name = container.getName();
        String nameProblem = Names.checkDns1123Label(name);
        if (name == null || name.isEmpty()) {
            causes.required(path + ".name");
        } else if (nameProblem != null) {
            causes.invalid(path + ".name", name, nameProblem);
        } else if (!names.add(name)) {
            causes.duplicate(path + ".name", name);
        }
        if (container.getImage() == null || container.getImage().isBlank()) {
            causes.required(path + ".image");
        }
        List<ContainerPort> ports = container.getPorts();
        for (int i = 0; ports != null && i < ports.size(); i++) {
            port(ports.get(i), path + ".ports[" + i + "]", hostPorts, causes);
        }
        EnvRules.env(container.getEnv(), path + ".env", causes);
        String pullPolicy = container.getImagePullPolicy();
        if (pullPolicy != null && !PULL_POLICIES.contains(pullPolicy)) {
            causes.notSupported(path + ".imagePullPolicy", pullPolicy, PULL_POLICIES);
        }
    }

    private static void port(ContainerPort port, String path, Set<String> hostPorts, Causes causes) {
        if (port.getContainerPort() < 1 || port.getContainerPort() > 65535) {
            causes.invalid(path + ".containerPort", port.getContainerPort(), PORT_RANGE);
        }
        String protocol = port.getProtocol() == null ? "TCP" : port.getProtocol();
        if (!PROTOCOLS.contains(protocol)) {
            causes.notSupported(path + ".protocol", protocol, PROTOCOLS);
        }
        Integer hostPort = port.getHostPort();
        if (hostPort != null) {
            if (hostPort < 1 || hostPort > 65535) {
                causes.invalid(path + ".hostPort", hostPort, PORT_RANGE);
            } else if (!hostPorts.add(hostPort + "/" + protocol)) {
                causes.duplicate(path + ".hostPort", hostPort + "/" + protocol);
            }
            if (PROTOCOLS.contains(protocol) && !HOST_PORT_PROTOCOLS.contains(protocol)) {
                causes.notSupported(path + ".protocol", protocol, HOST_PORT_PROTOCOLS);
            }
        }
        String name = port.getName();
        if (name != null) {
            String problem = Names.checkDns1123Label(name);
            if (problem == null && name.length() > 15) {
                problem = "must be no more than 15 characters";
            }
            if (problem != null) {
                causes.invalid(path + ".name", name, problem);
            }
        }
    }

    /** Checks one container's {@code resources}, found at {@code path}, and adds them to the pod's totals. */
    private static void resources(ResourceRequirements resources, String path, PodTotals podRequests,
                                  PodTotals podLimits, Causes causes) {
        Map<String, Long> requests = quantities(resources.getRequests(), path + ".requests", causes);
        Map<String, Long> limits = quantities(resources.getLimits(), path + ".limits", causes);
        requests.forEach((resource, request) -> {
            Long limit = limits.get(resource);
            if (limit != null && request > limit) {
                causes.invalid(path + ".requests", resources.getRequests().get(resource),
                        "must be less than or equal to " + resource + " limit of " + resources.getLimits().get(resource));
            }
        });
        podRequests.add(requests, resources.getRequests(), path, causes);
        podLimits.add(limits, resources.getLimits(), path, causes);
    }

    /**
     * The sum of one kind of quantity ({@code requests} or {@code limits}) over a pod's containers,
     * per resource, as the scheduler and the agents add them up. A sum beyond {@code long} is
     * reported once per resource, at the container whose quantity makes it overflow, so an object
     * that no component could account for is never admitted.
     */
    private static final class PodTotals {
        private final String kind;
        private final Map<String, Long> totals = new HashMap<>();
        private final Set<String> overflowed = new HashSet<>();

        PodTotals(String kind) {
            this.kind = kind;
        }

        /**
         * Adds a container's {@code parsed} quantities, written as {@code written} under the
         * container's resources at {@code path}.
         */
        void add(Map<String, Long> parsed, Map<String, String> written, String path, Causes causes) {
            parsed.forEach((resource, value) -> {
                if (overflowed.contains(resource)) {
                    return;
                }
                try {
                    totals.merge(resource, value, Math::addExact);
                } catch (ArithmeticException e) {
                    overflowed.add(resource);
                    causes.invalid(path + "." + kind + "." + resource, written.get(resource),
                            "total " + resource + " " + kind + " of the pod overflow");
                }
            });
        }
    }

    /** The parsed quantities of {@code values}, leaving out (and reporting) those that do not parse. */
    private static Map<String, Long> quantities(Map<String, String> values, String path, Causes causes) {
        Map<String, Long> parsed = new HashMap<>();
        if (values == null) {
            return parsed;
        }
        values.forEach((resource, quantity) -> {
            String field = path + "[" + resource + "]";
            if (!RESOURCES.contains(resource)) {
                causes.notSupported(path, resource, RESOURCES);
                return;
            }
            ToLongFunction<String> parser = resource.equals("cpu") ? Quantity::parseMillis : Quantity::parseBytes;
            try {
                parsed.put(resource, parser.applyAsLong(quantity));
            } catch (IllegalArgumentException e) {
                causes.invalid(field, quantity, e.getMessage().replaceFirst("^invalid quantity \"[^\"]*\": ", ""));
            }
        });
        return parsed;
    }
}
