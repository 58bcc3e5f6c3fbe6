package io.korch.gateway.validation;

import static io.korch.gateway.testing.Fixtures.deployment;
import static io.korch.gateway.testing.Fixtures.replicaSet;
import static org.assertj.core.api.Assertions.assertThat;

import io.korch.api.Container;
import io.korch.api.Deployment;
import io.korch.api.LabelSelectorRequirement;
import io.korch.api.ResourceRequirements;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Pure tests of the Deployment and ReplicaSet rules, without Kafka. */
class WorkloadValidatorsTest {

    private final DeploymentValidator deployments = new DeploymentValidator();
    private final ReplicaSetValidator replicaSets = new ReplicaSetValidator();

    @Test
    void acceptsValidWorkloads() {
        assertThat(deployments.validate(deployment("web").strategy("Recreate").build())).isEmpty();
        assertThat(replicaSets.validate(replicaSet("web").build())).isEmpty();
    }

    @Test
    void refusesNegativeReplicasWithKubernetesWording() {
        List<Cause> causes = deployments.validate(deployment("web").replicas(-1).build());

        assertThat(causes).singleElement().isEqualTo(new Cause(Causes.INVALID, "spec.replicas",
                "Invalid value: -1: must be greater than or equal to 0"));
    }

    @Test
    void acceptsZeroReplicas() {
        assertThat(deployments.validate(deployment("web").replicas(0).build())).isEmpty();
    }

    @Test
    void refusesAnEmptySelector() {
        Deployment deployment = deployment("web").selector(Map.of()).build();

        assertThat(deployments.validate(deployment)).extracting(Cause::describe)
                .containsExactly("spec.selector: Invalid value: \"{}\": empty selector is invalid for deployment");
    }

    @Test
    void refusesASelectorThatDoesNotMatchTheTemplateLabels() {
        Deployment deployment = deployment("web").selector(Map.of("app", "api")).build();

        assertThat(deployments.validate(deployment)).extracting(Cause::field)
                .containsExactly("spec.template.metadata.labels");
    }

    @Test
    void refusesASelectorExpressionWithAnUnknownOperator() {
        Deployment deployment = deployment("web").build();
        deployment.getSpec().getSelector().setMatchExpressions(List.of(LabelSelectorRequirement.newBuilder()
                .setKey("tier").setOperator("Maybe").setValues(List.of("a")).build()));

        assertThat(deployments.validate(deployment)).extracting(Cause::field).containsExactly("spec.selector");
    }

    @Test
    void allowsOnlyRestartPolicyAlwaysInTemplates() {
        List<Cause> causes = replicaSets.validate(replicaSet("web").template(pod -> pod.restartPolicy("Never")).build());

        assertThat(causes).extracting(Cause::describe).containsExactly("spec.template.spec.restartPolicy: "
                + "Unsupported value: \"Never\": supported values: \"Always\"");
    }

    @Test
    void refusesAnUnknownStrategy() {
        List<Cause> causes = deployments.validate(deployment("web").strategy("BlueGreen").build());

        assertThat(causes).extracting(Cause::field).containsExactly("spec.strategy.type");
    }

    @Test
    void refusesATemplateWhoseSummedMemoryRequestsOverflow() {
        Deployment deployment = deployment("web").template(pod -> pod.memory("7Ei")).build();
        deployment.getSpec().getTemplate().getSpec().getContainers().add(Container.newBuilder().setName("sidecar")
                .setImage("busybox").setResources(ResourceRequirements.newBuilder()
                        .setRequests(Map.of("memory", "7Ei")).build()).build());

        assertThat(deployments.validate(deployment)).extracting(Cause::describe).containsExactly(
                "spec.template.spec.containers[1].resources.requests.memory: Invalid value: \"7Ei\": "
                        + "total memory requests of the pod overflow");
    }

    @Test
    void validatesTheTemplateContainers() {
        List<Cause> causes = deployments.validate(deployment("web").image(" ").build());

        assertThat(causes).extracting(Cause::field).containsExactly("spec.template.spec.containers[0].image");
    }
}
