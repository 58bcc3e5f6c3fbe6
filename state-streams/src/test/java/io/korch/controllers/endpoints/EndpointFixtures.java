package io.korch.controllers.endpoints;

import io.korch.api.Container;
import io.korch.api.ContainerPort;
import io.korch.api.ObjectMeta;
import io.korch.api.Pod;
import io.korch.api.PodSpec;
import io.korch.api.PodStatus;
import io.korch.api.PodStatusReport;
import io.korch.api.Service;
import io.korch.api.ServicePort;
import io.korch.api.ServiceSpec;
import io.korch.testkit.PodReports;
import io.korch.testkit.Pods;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Services, pods with named ports and agents' reports with pod IPs, for the endpoints controller's tests. */
final class EndpointFixtures {

    private EndpointFixtures() {
    }

    /** Builds a Service in {@code default}: {@code service("web").select("app", "web").port("http", 80, "8080").build()}. */
    static final class Services {
        private final String name;
        private final Map<String, String> selector = new LinkedHashMap<>();
        private final List<ServicePort> ports = new ArrayList<>();
        private String clusterIp = "10.96.0.20";
        private Boolean publishNotReady;

        private Services(String name) {
            this.name = name;
        }

        Services select(String key, String value) {
            selector.put(key, value);
            return this;
        }

        Services port(String portName, int port, String targetPort) {
            ports.add(ServicePort.newBuilder().setName(portName).setPort(port).setTargetPort(targetPort).build());
            return this;
        }

        Services headless() {
            clusterIp = "None";
            return this;
        }

        Services publishNotReadyAddresses() {
            publishNotReady = true;
            return this;
        }

        Service build() {
            return Service.newBuilder()
                    .setMetadata(ObjectMeta.newBuilder().setName(name).setNamespace("default").setUid(name + "-uid")
                            .setLabels(new LinkedHashMap<>(Map.of("tier", "front"))).build())
                    .setSpec(ServiceSpec.newBuilder()
                            .setSelector(new LinkedHashMap<>(selector))
                            .setPorts(new ArrayList<>(ports))
                            .setClusterIP(clusterIp)
                            .setPublishNotReadyAddresses(publishNotReady)
                            .build())
                    .build();
        }
    }

    static Services service(String name) {
        return new Services(name);
    }

    /** A pod labelled {@code app=<app>} whose container declares {@code ports} ({@code name=number} each). */
    static Pod pod(String name, String app, String... ports) {
        List<ContainerPort> declared = new ArrayList<>();
        for (String port : ports) {
            String[] parts = port.split("=");
            declared.add(ContainerPort.newBuilder().setName(parts[0]).setContainerPort(Integer.parseInt(parts[1])).build());
        }
        Container container = Container.newBuilder().setName("main").setImage(Pods.IMAGE).setPorts(declared).build();
        return Pods.pod(name).label("app", app).containers(List.of(container)).build();
    }

    /** {@code pod} with {@code spec.hostname} and {@code spec.subdomain}. */
    static Pod named(Pod pod, String hostname, String subdomain) {
        return Pod.newBuilder(pod)
                .setSpec(PodSpec.newBuilder(pod.getSpec()).setHostname(hostname).setSubdomain(subdomain).build())
                .build();
    }

    /** The agent's report that {@code pod} runs on {@code node} at {@code ip}, ready or not. */
    static PodStatusReport running(Pod pod, String node, String ip, boolean ready) {
        PodStatusReport report = PodReports.report(pod, node, "Running", ready);
        return PodStatusReport.newBuilder(report)
                .setStatus(PodStatus.newBuilder(report.getStatus()).setPodIP(ip).build())
                .build();
    }
}
