package io.korch.agent.network;

import com.github.dockerjava.api.exception.NotFoundException;
import io.korch.agent.runtime.docker.DockerRuntime;
import io.korch.model.ClusterNetwork;
import java.util.Map;

/**
 * What a Docker test of the pod network leaves on the machine, and its removal: the pod network and the host's
 * chain go once no pod of any agent of this machine is attached any more.
 */
public final class PodNetworkLeftovers {

    private PodNetworkLeftovers() {
    }

    /** Whether korch's pod network exists on the engine. */
    public static boolean networkExists(DockerRuntime docker) {
        try {
            docker.client().inspectNetworkCmd().withNetworkId(DockerNetwork.NAME).exec();
            return true;
        } catch (NotFoundException e) {
            return false;
        }
    }

    /** How many containers the pod network holds (none when it does not exist). */
    public static int attachedContainers(DockerRuntime docker) {
        try {
            Map<String, ?> containers = docker.client().inspectNetworkCmd().withNetworkId(DockerNetwork.NAME).exec()
                    .getContainers();
            return containers == null ? 0 : containers.size();
        } catch (NotFoundException e) {
            return 0;
        }
    }

    /** Leaves the machine as it was: the network and the chain go unless another agent's pods still use them. */
    public static void removeIfUnused(DockerRuntime docker) {
        if (networkExists(docker) && attachedContainers(docker) == 0) {
            docker.client().removeNetworkCmd(DockerNetwork.NAME).exec();
        }
        if (!networkExists(docker)) {
            new HostFirewall(DockerNetwork.BRIDGE, ClusterNetwork.SERVICE_CIDR).remove();
        }
    }
}
