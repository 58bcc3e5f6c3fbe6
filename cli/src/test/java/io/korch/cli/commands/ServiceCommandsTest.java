package io.korch.cli.commands;

import static io.korch.cli.testing.Cli.korch;
import static org.assertj.core.api.Assertions.assertThat;

import io.korch.cli.testing.BrokerAndGateway;
import io.korch.cli.testing.Cli;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@code korch apply}, {@code get} and {@code describe} of Services against a real gateway over a
 * real broker: a manifest applied again is unchanged despite the values the server allocated.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ServiceCommandsTest {

    private static final String SERVICE = """
            apiVersion: v1
            kind: Service
            metadata:
              name: web
            spec:
              type: NodePort
              selector: {app: web}
              ports:
                - name: http
                  port: 80
                  targetPort: 8080
            """;

    private BrokerAndGateway cluster;

    @BeforeAll
    void startGateway() {
        cluster = BrokerAndGateway.start();
    }

    @AfterAll
    void stopGateway() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void aServiceAppliedTwiceIsUnchangedAndShownAsKubectlShowsIt() {
        Cli.Result created = korch().withStdin(SERVICE).run("apply", "-f", "-", "--server", cluster.gateway().url());
        Cli.Result again = korch().withStdin(SERVICE).run("apply", "-f", "-", "--server", cluster.gateway().url());
        Cli.Result changed = korch().withStdin(SERVICE.replace("8080", "9090"))
                .run("apply", "-f", "-", "--server", cluster.gateway().url());

        assertThat(created.out()).as(created.err()).isEqualTo("service/web created\n");
        assertThat(again.out()).as(again.err()).isEqualTo("service/web unchanged\n");
        assertThat(changed.out()).as(changed.err()).isEqualTo("service/web configured\n");

        Cli.Result table = run("get", "svc", "-o", "wide");
        assertThat(table.out().lines().findFirst().orElseThrow().split("\\s+"))
                .containsExactly("NAME", "TYPE", "CLUSTER-IP", "EXTERNAL-IP", "PORT(S)", "AGE", "SELECTOR");
        assertThat(table.out()).containsPattern("web\\s+NodePort\\s+10\\.96\\.\\d+\\.\\d+\\s+<none>\\s+80:3\\d{4}/TCP\\s+"
                + "\\S+\\s+app=web");

        Cli.Result described = run("describe", "service", "web");
        assertThat(described.out()).containsPattern("TargetPort:\\s+9090/TCP")
                .containsPattern("NodePort:\\s+http\\s+3\\d{4}/TCP").containsPattern("Endpoints:\\s+<none>");
    }

    private Cli.Result run(String... args) {
        List<String> withServer = new ArrayList<>(List.of(args));
        withServer.add("--server");
        withServer.add(cluster.gateway().url());
        return korch().withSystemClock().run(withServer.toArray(String[]::new));
    }
}
