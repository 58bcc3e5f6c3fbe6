package io.korch.gateway.validation;

import static io.korch.gateway.testing.Fixtures.pod;
import static org.assertj.core.api.Assertions.assertThat;

import io.korch.api.Container;
import io.korch.api.EnvVar;
import io.korch.api.Pod;
import io.korch.api.ResourceRequirements;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Pure tests of the pod rules, without Kafka. */
class PodValidatorTest {

    private final PodValidator validator = new PodValidator();

    @Test
    void acceptsAValidPod() {
        Pod pod = pod("web").label("app", "web").cpu("250m").memory("128Mi").port(80, 8080).build();

        assertThat(validator.validate(pod)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Web", "web_1", "-web", "web."})
    void refusesANameThatIsNoDnsSubdomain(String name) {
        List<Cause> causes = validator.validate(pod(name).build());

        assertThat(causes).singleElement().satisfies(cause -> {
            assertThat(cause.field()).isEqualTo("metadata.name");
            assertThat(cause.reason()).isEqualTo(Causes.INVALID);
            assertThat(cause.message()).startsWith("Invalid value: \"" + name + "\": a lowercase RFC 1123 subdomain");
        });
    }

    @Test
    void refusesInvalidLabelKeysAndValues() {
        Pod pod = pod("web").label("bad key", "ok").label("app", "not ok!").build();

        assertThat(validator.validate(pod)).extracting(Cause::field)
                .containsExactly("metadata.labels", "metadata.labels[app]");
    }

    @Test
    void refusesAPodWithoutContainers() {
        Pod pod = pod("web").containers(List.of()).build();

        assertThat(validator.validate(pod)).singleElement()
                .isEqualTo(new Cause(Causes.REQUIRED, "spec.containers", "Required value"));
    }

    @Test
    void refusesDuplicateContainerNamesAndEmptyImages() {
        Pod pod = pod("web").sidecar("main").image("").build();

        assertThat(validator.validate(pod)).extracting(Cause::describe).containsExactly(
                "spec.containers[1].name: Duplicate value: \"main\"",
                "spec.containers[1].image: Required value");
    }

    @Test
    void refusesAContainerNameThatIsNoDnsLabel() {
        Pod pod = pod("web").sidecar("side.car").image("busybox").build();

        assertThat(validator.validate(pod)).extracting(Cause::field).containsExactly("spec.containers[1].name");
    }

    @Test
    void refusesQuantitiesThatDoNotParseAndRequestsAboveLimits() {
        Pod pod = pod("web").cpu("lots").memory("1Gi").build();
        Pod greedy = pod("web").cpu("2").cpuLimit("500m").build();

        assertThat(validator.validate(pod)).extracting(Cause::field)
                .containsExactly("spec.containers[0].resources.requests[cpu]");
        assertThat(validator.validate(greedy)).extracting(Cause::describe).containsExactly(
                "spec.containers[0].resources.requests: Invalid value: \"2\": must be less than or equal to cpu limit of 500m");
    }

    private static Container withResources(String name, Map<String, String> requests, Map<String, String> limits) {
        return Container.newBuilder().setName(name).setImage("busybox").setResources(ResourceRequirements.newBuilder()
                .setRequests(requests).setLimits(limits).build()).build();
    }

    @Test
    void refusesAPodWhoseSummedMemoryRequestsOverflow() {
        Pod pod = pod("web").memory("7Ei").build();
        pod.getSpec().getContainers().add(withResources("sidecar", Map.of("memory", "7Ei"), Map.of()));

        assertThat(validator.validate(pod)).singleElement().satisfies(cause -> {
            assertThat(cause.reason()).isEqualTo(Causes.INVALID);
            assertThat(cause.field()).isEqualTo("spec.containers[1].resources.requests.memory");
            assertThat(cause.message()).isEqualTo("Invalid value: \"7Ei\": total memory requests of the pod overflow");
        });
    }

    @Test
    void refusesAPodWhoseSummedCpuLimitsOverflowNamingTheContainerWhereTheyDo() {
        Pod pod = pod("web").containers(List.of(
                withResources("a", Map.of(), Map.of("cpu", "5e15")),
                withResources("b", Map.of(), Map.of("cpu", "1")),
                withResources("c", Map.of(), Map.of("cpu", "5e15")))).build();

        assertThat(validator.validate(pod)).extracting(Cause::describe).containsExactly(
                "spec.containers[2].resources.limits.cpu: Invalid value: \"5e15\": total cpu limits of the pod overflow");
    }

    @Test
    void acceptsLargeQuantitiesWhoseSumJustFits() {
        String justBelowFourEi = Long.toString((4L << 60) - 1);
        Pod pod = pod("web").containers(List.of(
                withResources("a", Map.of("memory", "3Ei"), Map.of("memory", "4Ei")),
                withResources("b", Map.of("memory", "3Ei"), Map.of("memory", justBelowFourEi)))).build();

        assertThat(validator.validate(pod)).isEmpty();
    }

    @Test
    void refusesResourcesOtherThanCpuAndMemory() {
        Pod pod = pod("web").build();
        pod.getSpec().getContainers().get(0).setResources(
                io.korch.api.ResourceRequirements.newBuilder().setRequests(Map.of("gpu", "1")).build());

        assertThat(validator.validate(pod)).extracting(Cause::reason).containsExactly(Causes.NOT_SUPPORTED);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1, 65536})
    void refusesPortsOutsideTheValidRange(int port) {
        Pod pod = pod("web").port(port, port).build();

        assertThat(validator.validate(pod)).extracting(Cause::describe).containsExactly(
                "spec.containers[0].ports[0].containerPort: Invalid value: " + port + ": must be between 1 and 65535, inclusive",
                "spec.containers[0].ports[0].hostPort: Invalid value: " + port + ": must be between 1 and 65535, inclusive");
    }

    @Test
    void refusesTheSameHostPortTwice() {
        Pod pod = pod("web").port(80, 8080).port(81, 8080).build();

        assertThat(validator.validate(pod)).extracting(Cause::field)
                .containsExactly("spec.containers[0].ports[1].hostPort");
    }

    @Test
    void refusesAUdpHostPortWhichTheNodeProxyDoesNotForward() {
        Pod pod = pod("dns").port(53, 5353).build();
        pod.getSpec().getContainers().get(0).getPorts().get(0).setProtocol("UDP");

        assertThat(validator.validate(pod)).extracting(Cause::describe).containsExactly(
                "spec.containers[0].ports[0].protocol: Unsupported value: \"UDP\": supported values: \"TCP\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Always", "OnFailure", "Never"})
    void acceptsEveryRestartPolicyOnABarePod(String policy) {
        assertThat(validator.validate(pod("web").restartPolicy(policy).build())).isEmpty();
    }

    @Test
    void refusesAnUnknownRestartPolicy() {
        List<Cause> causes = validator.validate(pod("web").restartPolicy("Sometimes").build());

        assertThat(causes).extracting(Cause::describe).containsExactly("spec.restartPolicy: Unsupported value: "
                + "\"Sometimes\": supported values: \"Always\", \"OnFailure\", \"Never\"");
    }

    @Test
    void refusesAnEnvVarWithoutName() {
        Pod pod = pod("web").build();
        Container container = pod.getSpec().getContainers().get(0);
        container.setEnv(List.of(EnvVar.newBuilder().setName("").setValue("x").build()));

        assertThat(validator.validate(pod)).extracting(Cause::field).containsExactly("spec.containers[0].env[0].name");
    }
}
