package io.korch.gateway.testing;

import io.korch.api.Namespace;
import io.korch.api.ObjectMeta;
import io.korch.testkit.Deployments;
import io.korch.testkit.Nodes;
import io.korch.testkit.Pods;
import io.korch.testkit.ReplicaSets;
import java.time.Instant;

/**
 * The test kit's builders set up for the gateway: objects as a user posts them, valid unless told
 * otherwise, with none of the fields the gateway sets itself (uid, generation, creation time):
 * {@code Fixtures.pod("web").label("app", "web").cpu("250m").build()},
 * {@code Fixtures.deployment("web").replicas(3).build()}.
 */
public final class Fixtures {

    /** The image of every fixture's container. */
    public static final String IMAGE = "nginx:1.27";

    private Fixtures() {
    }

    /** A bare pod of one {@value #IMAGE} container. */
    public static Pods pod(String name) {
        return Pods.pod(name).uid(null).image(IMAGE);
    }

    /** A Deployment of 2 replicas selecting {@code app=<name>}, its template one {@value #IMAGE} container. */
    public static Deployments deployment(String name) {
        return Deployments.deployment(name).asWritten().replicas(2).image(IMAGE);
    }

    /** A ReplicaSet of 2 replicas selecting {@code app=<name>}, its template one {@value #IMAGE} container. */
    public static ReplicaSets replicaSet(String name) {
        return ReplicaSets.replicaSet(name).asWritten().replicas(2).image(IMAGE);
    }

    /** A node as a user declares it: {@code node("n1").label("disk", "ssd").build()}. */
    public static Nodes node(String name) {
        return Nodes.declared(name);
    }

    /** A node as its agent registers it (uid {@code agent-<name>}, Ready), whose last heartbeat was at {@code heartbeat}. */
    public static Nodes registered(String name, Instant heartbeat) {
        return Nodes.node(name).uid("agent-" + name).created(heartbeat).heartbeat(heartbeat)
                .ready("True", "KubeletReady", null);
    }

    public static Namespace namespace(String name) {
        return Namespace.newBuilder().setMetadata(ObjectMeta.newBuilder().setName(name).build()).build();
    }
}
