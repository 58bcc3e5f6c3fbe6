package io.korch.gateway;

import static io.korch.gateway.testing.Api.PODS;
import static io.korch.gateway.testing.Fixtures.pod;
import static org.assertj.core.api.Assertions.assertThat;

import io.korch.gateway.testing.Api;
import io.korch.gateway.testing.Api.Response;
import io.korch.gateway.testing.GatewayFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code pods/log} and {@code pods/exec} refuse what the apiserver refuses, with its words, before any agent is dialled. */
class PodStreamsTest {

    @RegisterExtension
    static final GatewayFixture gateway = new GatewayFixture();

    private final Api api = gateway.api();

    @Test
    void aPodWithSeveralContainersNeedsOneNamed() {
        api.post(PODS, pod("two-containers").sidecar("b").build());

        Response response = api.get(PODS + "/two-containers/log");

        assertThat(response.code()).isEqualTo(400);
        assertThat(response.at("/message")).isEqualTo(
                "a container name must be specified for pod two-containers, choose one of: [main b]");
    }

    @Test
    void aContainerThePodDoesNotHaveIsNotValid() {
        api.post(PODS, pod("one-container").build());

        Response log = api.get(PODS + "/one-container/log?container=nope");
        Response exec = api.get(PODS + "/one-container/exec?container=nope&command=ls&stdout=true");

        assertThat(log.code()).isEqualTo(400);
        assertThat(log.at("/message")).isEqualTo("container nope is not valid for pod one-container");
        assertThat(exec.at("/message")).isEqualTo("container nope is not valid for pod one-container");
    }

    @Test
    void execIntoAPodWithoutNodeIsRefusedAndItsLogIsEmpty() {
        api.post(PODS, pod("unscheduled").build());

        Response exec = api.get(PODS + "/unscheduled/exec?command=ls&stdout=true");
        Response log = api.get(PODS + "/unscheduled/log");

        assertThat(exec.code()).isEqualTo(400);
        assertThat(exec.at("/message")).isEqualTo("pod unscheduled does not have a host assigned");
        assertThat(log.code()).isEqualTo(200);
        assertThat(log.body()).isNullOrEmpty();
    }

    @Test
    void aMissingPodIsNotFound() {
        Response response = api.get(PODS + "/absent/log");

        assertThat(response.code()).isEqualTo(404);
        assertThat(response.at("/message")).isEqualTo("pods \"absent\" not found");
    }
}
