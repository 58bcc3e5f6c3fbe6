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
    void refusesARollingUpdateWithNeitherSurgeNorUnavailablePodsAsKubernetesDoes() {
        List<Cause> causes = deployments.validate(deployment("web").rollingUpdate("0", "0%").build());

        assertThat(causes).extracting(Cause::field).containsExactly("spec.strategy.rollingUpdate.maxUnavailable");
        assertThat(causes.get(0).message()).endsWith("may not be 0 when `maxSurge` is 0");
    }

    @Test
    void refusesRollingUpdateBoundsThatAreNeitherCountsNorPercentages() {
        List<Cause> causes = deployments.validate(deployment("web").rollingUpdate("25 %", "-1").build());

        assertThat(causes).extracting(Cause::field).containsExactly(
                "spec.strategy.rollingUpdate.maxSurge", "spec.strategy.rollingUpdate.maxUnavailable");
        assertThat(causes.get(0).message()).contains("a valid percent string must be a numeric string followed by an ending '%'");
        assertThat(causes.get(1).message()).endsWith("must be greater than or equal to 0");
    }

    @Test
    void refusesMoreThanAllPodsUnavailable() {
        List<Cause> causes = deployments.validate(deployment("web").rollingUpdate("1", "110%").build());

        assertThat(causes).singleElement().satisfies(cause -> {
            assertThat(cause.field()).isEqualTo("spec.strategy.rollingUpdate.maxUnavailable");
            assertThat(cause.message()).endsWith("must not be greater than 100%");
        });
    }

    @Test
    void refusesRollingUpdateBoundsOnARecreateDeployment() {
        List<Cause> causes = deployments.validate(deployment("web").strategy("Recreate").rollingUpdate("1", "1").build());

        assertThat(causes).extracting(Cause::field).containsExactly("spec.strategy.rollingUpdate");
    }

    @Test
    void refusesAProgressDeadlineNoLongerThanMinReadySeconds() {
        Deployment deployment = deployment("web").build();
        deployment.getSpec().setMinReadySeconds(30);
        deployment.getSpec().setProgressDeadlineSeconds(30);

        assertThat(deployments.validate(deployment)).extracting(Cause::field).containsExactly("spec.progressDeadlineSeconds");
    }

    @Test
    void acceptsTheBoundsKubernetesAccepts() {
        assertThat(deployments.validate(deployment("web").rollingUpdate("0", "1").build())).isEmpty();
        assertThat(deployments.validate(deployment("web").rollingUpdate("100%", "0").build())).isEmpty();
        assertThat(deployments.validate(deployment("web").rollingUpdate("30%", "100%").build())).isEmpty();
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
