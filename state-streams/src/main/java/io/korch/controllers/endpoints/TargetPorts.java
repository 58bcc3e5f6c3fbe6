package io.korch.controllers.endpoints;

import io.korch.api.Container;
import io.korch.api.ContainerPort;
import io.korch.api.Pod;
import io.korch.api.ServicePort;
import java.util.Objects;

/**
 * Resolves a Service port's {@code targetPort} for one pod, as Kubernetes' {@code FindPort}: a
 * number is taken as it is, a name is the {@code containerPort} of the pod's container port of that
 * name and protocol; no {@code targetPort} means the Service's {@code port}.
 */
public final class TargetPorts {

    /** The protocol of a port that names none. */
    public static final String TCP = "TCP";

    private TargetPorts() {
    }

    /** The port's protocol, {@value #TCP} unless it names one. */
    public static String protocol(String protocol) {
        return protocol == null || protocol.isEmpty() ? TCP : protocol;
    }

    /** Whether {@code targetPort} is a port number rather than a port name. */
    public static boolean isNumber(String targetPort) {
        return !targetPort.isEmpty() && targetPort.chars().allMatch(Character::isDigit);
    }

    /** The pod port that {@code servicePort} sends to, or null when the pod has no container port of the name it gives. */
    public static Integer resolve(ServicePort servicePort, Pod pod) {
        String target = servicePort.getTargetPort();
        if (target == null || target.isEmpty()) {
            return servicePort.getPort();
        }
        if (isNumber(target)) {
            return Integer.parseInt(target);
        }
        String protocol = protocol(servicePort.getProtocol());
        for (Container container : pod.getSpec().getContainers()) {
            for (ContainerPort port : container.getPorts()) {
                if (target.equals(port.getName()) && Objects.equals(protocol, protocol(port.getProtocol()))) {
                    return port.getContainerPort();
                }
            }
        }
        return null;
    }
}
