package io.korch.gateway.validation;

import static org.assertj.core.api.Assertions.assertThat;

import io.korch.api.ClientIPConfig;
import io.korch.api.ObjectMeta;
import io.korch.api.Service;
import io.korch.api.ServicePort;
import io.korch.api.ServiceSpec;
import io.korch.api.SessionAffinityConfig;
import io.korch.model.ServiceDefaults;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** Kubernetes' rules of a Service, as its messages word them, checked after its defaults are filled in. */
class ServiceValidatorTest {

    private final ServiceValidator validator = new ServiceValidator();

    @Test
    void aServiceIsDefaultedAsKubernetesDefaultsIt() {
        Service service = ServiceDefaults.defaulted(service("web", spec -> spec.setPorts(List.of(port(null, 80)))));
        ServiceSpec spec = service.getSpec();

        assertThat(spec.getType()).isEqualTo("ClusterIP");
        assertThat(spec.getSessionAffinity()).isEqualTo("None");
        assertThat(spec.getIpFamilies()).containsExactly("IPv4");
        assertThat(spec.getIpFamilyPolicy()).isEqualTo("SingleStack");
        assertThat(spec.getInternalTrafficPolicy()).isEqualTo("Cluster");
        assertThat(spec.getExternalTrafficPolicy()).isNull();
        assertThat(spec.getPorts().get(0).getProtocol()).isEqualTo("TCP");
        assertThat(spec.getPorts().get(0).getTargetPort()).isEqualTo("80");
        assertThat(validator.validate(service)).isEmpty();
    }

    @Test
    void aLoadBalancerAndAClientIpAffinityGetTheirDefaults() {
        ServiceSpec spec = ServiceDefaults.defaulted(service("lb", s -> s.setType("LoadBalancer")
                .setSessionAffinity("ClientIP").setPorts(List.of(port(null, 80))))).getSpec();

        assertThat(spec.getExternalTrafficPolicy()).isEqualTo("Cluster");
        assertThat(spec.getAllocateLoadBalancerNodePorts()).isTrue();
        assertThat(spec.getSessionAffinityConfig().getClientIP().getTimeoutSeconds()).isEqualTo(10800);
    }

    @Test
    void aNameMustBeADns1035Label() {
        assertThat(messages(service("9web", spec -> spec.setPorts(List.of(port(null, 80)))))).containsExactly(
                "metadata.name: Invalid value: \"9web\": a DNS-1035 label must consist of lower case alphanumeric"
                        + " characters or '-', start with an alphabetic character, and end with an alphanumeric character");
    }

    @Test
    void portsAreRequiredUnlessHeadless() {
        assertThat(messages(service("web", spec -> { }))).containsExactly("spec.ports: Required value");
        assertThat(messages(service("db", spec -> spec.setClusterIP("None")))).isEmpty();
    }

    @Test
    void severalPortsNeedUniqueValidNames() {
        assertThat(messages(service("web", spec -> spec.setPorts(List.of(port(null, 80), port("http", 81),
                port("http", 82), port("Web_1", 83)))))).containsExactly(
                "spec.ports[0].name: Required value",
                "spec.ports[2].name: Duplicate value: \"http\"",
                "spec.ports[3].name: Invalid value: \"Web_1\": a lowercase RFC 1123 label must consist of lower case"
                        + " alphanumeric characters or '-', and must start and end with an alphanumeric character");
    }

    @Test
    void portNumbersProtocolsAndTargetPortsAreChecked() {
        ServicePort zero = port("a", 0);
        ServicePort sctp = ServicePort.newBuilder(port("b", 81)).setProtocol("SCTP").build();
        ServicePort badTarget = ServicePort.newBuilder(port("c", 82)).setTargetPort("70000").build();
        ServicePort badName = ServicePort.newBuilder(port("d", 83)).setTargetPort("web--http").build();
        ServicePort named = ServicePort.newBuilder(port("e", 84)).setTargetPort("http").build();

        assertThat(messages(service("web", spec -> spec.setPorts(List.of(zero, sctp, badTarget, badName, named)))))
                .containsExactly(
                        "spec.ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive",
                        "spec.ports[0].targetPort: Invalid value: 0: must be between 1 and 65535, inclusive",
                        "spec.ports[1].protocol: Unsupported value: \"SCTP\": supported values: \"TCP\", \"UDP\"",
                        "spec.ports[2].targetPort: Invalid value: 70000: must be between 1 and 65535, inclusive",
                        "spec.ports[3].targetPort: Invalid value: \"web--http\": must not contain consecutive hyphens");
    }

    @Test
    void aNodePortIsForbiddenOnAClusterIpServiceAndMayNotRepeat() {
        assertThat(messages(service("web", spec -> spec.setPorts(List.of(nodePort("a", 80, 30080))))))
                .containsExactly("spec.ports[0].nodePort: Forbidden: may not be used when `type` is 'ClusterIP'");
        assertThat(messages(service("web", spec -> spec.setType("NodePort")
                .setPorts(List.of(nodePort("a", 80, 30080), nodePort("b", 81, 30080), nodePort("c", 82, 70000))))))
                .containsExactly("spec.ports[1].nodePort: Duplicate value: 30080",
                        "spec.ports[2].nodePort: Invalid value: 70000: must be between 1 and 65535, inclusive");
    }

    @Test
    void externalNameServicesAreNotServed() {
        assertThat(messages(service("ext", spec -> spec.setType("ExternalName").setPorts(List.of(port(null, 80))))))
                .containsExactly("spec.type: Unsupported value: \"ExternalName\": supported values: \"ClusterIP\","
                        + " \"LoadBalancer\", \"NodePort\"");
    }

    @Test
    void aSelectorMustHoldValidLabels() {
        assertThat(messages(service("web", spec -> spec.setSelector(Map.of("app", "web server"))
                .setPorts(List.of(port(null, 80)))))).containsExactly(
                "spec.selector[app]: Invalid value: \"web server\": a valid label must be an empty string or consist of"
                        + " alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character");
    }

    @Test
    void aClusterIpMustBeAnAddressAndAHeadlessNodePortIsRefused() {
        assertThat(messages(service("web", spec -> spec.setClusterIP("10.96.0.300").setPorts(List.of(port(null, 80))))))
                .containsExactly("spec.clusterIPs[0]: Invalid value: \"10.96.0.300\": must be a valid IP address,"
                        + " (e.g. 10.9.8.7 or 2001:db8::ffff)");
        assertThat(messages(service("web", spec -> spec.setType("NodePort").setClusterIP("None")
                .setPorts(List.of(port(null, 80)))))).containsExactly(
                "spec.clusterIPs[0]: Invalid value: \"None\": may not be set to 'None' for NodePort services");
    }

    @Test
    void aClientIpTimeoutIsAtMostADayAndAConfigNeedsClientIpAffinity() {
        SessionAffinityConfig twoDays = SessionAffinityConfig.newBuilder()
                .setClientIP(ClientIPConfig.newBuilder().setTimeoutSeconds(172800).build()).build();
        assertThat(messages(service("web", spec -> spec.setSessionAffinity("ClientIP").setSessionAffinityConfig(twoDays)
                .setPorts(List.of(port(null, 80)))))).containsExactly(
                "spec.sessionAffinityConfig.clientIP.timeoutSeconds: Invalid value: 172800: must be greater than 0 and"
                        + " less than 86400");
        assertThat(messages(service("web", spec -> spec.setSessionAffinity("Sticky").setPorts(List.of(port(null, 80))))))
                .containsExactly("spec.sessionAffinity: Unsupported value: \"Sticky\": supported values: \"ClientIP\","
                        + " \"None\"");
    }

    @Test
    void theClusterIpMayNotChangeOnceSet() {
        Service old = ServiceDefaults.defaulted(service("web", spec -> spec.setClusterIP("10.96.0.12")
                .setPorts(List.of(port(null, 80)))));
        Service changed = ServiceDefaults.defaulted(service("web", spec -> spec.setClusterIP("10.96.0.99")
                .setPorts(List.of(port(null, 80)))));
        Service headless = ServiceDefaults.defaulted(service("web", spec -> spec.setClusterIP("None")
                .setPorts(List.of(port(null, 80)))));

        assertThat(validator.validateUpdate(changed, old)).extracting(Cause::describe).containsExactly(
                "spec.clusterIPs[0]: Invalid value: []string{\"10.96.0.99\"}: may not change once set",
                "spec.clusterIP: Invalid value: \"10.96.0.99\": field is immutable");
        assertThat(validator.validateUpdate(headless, old)).hasSize(2);
        assertThat(validator.validateUpdate(old, old)).isEmpty();
    }

    private List<String> messages(Service service) {
        return validator.validate(ServiceDefaults.defaulted(service)).stream().map(Cause::describe).toList();
    }

    private static Service service(String name, Consumer<ServiceSpec.Builder> spec) {
        ServiceSpec.Builder builder = ServiceSpec.newBuilder();
        spec.accept(builder);
        return Service.newBuilder()
                .setMetadata(ObjectMeta.newBuilder().setName(name).setNamespace("default").build())
                .setSpec(builder.build())
                .build();
    }

    private static ServicePort port(String name, int port) {
        return ServicePort.newBuilder().setName(name).setPort(port).build();
    }

    private static ServicePort nodePort(String name, int port, int nodePort) {
        return ServicePort.newBuilder().setName(name).setPort(port).setNodePort(nodePort).build();
    }
}
