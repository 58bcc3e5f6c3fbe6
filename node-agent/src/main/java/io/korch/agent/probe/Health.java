package io.korch.agent.probe;

import io.korch.agent.runtime.RuntimeContainer;
import io.korch.api.Container;

/** What the probes say of a running container, as the reconcile step and pod statuses read it. */
@FunctionalInterface
public interface Health {

    /** No probe has run: every container has its {@link ContainerHealth#initial initial} health. */
    Health NONE = (spec, container) -> ContainerHealth.initial(spec);

    /** The health of the current run of {@code container}, whose spec is {@code spec}. */
    ContainerHealth of(Container spec, RuntimeContainer container);
}
