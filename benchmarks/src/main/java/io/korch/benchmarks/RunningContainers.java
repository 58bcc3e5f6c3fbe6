package io.korch.benchmarks;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;
import java.util.List;
import java.util.Map;

/** The running containers the Docker engine lists with a label, through its API (cheaper than a docker process). */
final class RunningContainers {

    private final DockerClient docker;

    RunningContainers(DockerClient docker) {
        this.docker = docker;
    }

    /** The running containers labelled {@code key=value}. */
    List<Container> labelled(String key, String value) {
        return docker.listContainersCmd().withLabelFilter(Map.of(key, value)).withStatusFilter(List.of("running"))
                .exec();
    }

    /** Ids of every container labelled {@code key=value}, in any state. */
    List<String> allIds(String key, String value) {
        return docker.listContainersCmd().withShowAll(true).withLabelFilter(Map.of(key, value)).exec().stream()
                .map(Container::getId).toList();
    }
}
