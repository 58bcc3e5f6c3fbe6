package io.korch.gateway.resource;

import io.korch.api.ObjectMeta;
import io.korch.api.Pod;
import io.korch.api.PodSpec;
import io.korch.api.ServiceAccount;
import io.korch.model.ApiKind;
import io.korch.topics.Keys;

/**
 * The ServiceAccount a pod runs as, as Kubernetes settles it: {@code spec.serviceAccountName},
 * else the deprecated {@code spec.serviceAccount}, else {@code default}; both fields are served
 * with that name. Every namespace has a ServiceAccount named {@code default}: {@link ObjectStore}
 * writes it with each namespace it creates (and again when it is deleted), and the gateway writes
 * those missing when it starts. A pod created through the API must name a ServiceAccount of its
 * namespace, as Kubernetes' ServiceAccount admission requires.
 */
public final class ServiceAccounts {

    public static final String DEFAULT = "default";

    private ServiceAccounts() {
    }

    /** The name of the ServiceAccount a pod of {@code spec} runs as. */
    public static String nameOf(PodSpec spec) {
        if (spec.getServiceAccountName() != null && !spec.getServiceAccountName().isEmpty()) {
            return spec.getServiceAccountName();
        }
        if (spec.getServiceAccount() != null && !spec.getServiceAccount().isEmpty()) {
            return spec.getServiceAccount();
        }
        return DEFAULT;
    }

    /** {@code pod} with {@code serviceAccountName} and {@code serviceAccount} set to the ServiceAccount it runs as. Pure. */
    public static Pod defaulted(Pod pod) {
        String name = nameOf(pod.getSpec());
        if (name.equals(pod.getSpec().getServiceAccountName()) && name.equals(pod.getSpec().getServiceAccount())) {
            return pod;
        }
        PodSpec spec = PodSpec.newBuilder(pod.getSpec()).setServiceAccountName(name).setServiceAccount(name).build();
        return Pod.newBuilder(pod).setSpec(spec).build();
    }

    /** The record key of the ServiceAccount {@code pod} runs as. */
    static String keyOf(Pod pod) {
        return Keys.of(pod.getMetadata().getNamespace(), nameOf(pod.getSpec()));
    }

    /** The refusal of a pod naming a ServiceAccount its namespace lacks, worded as Kubernetes' admission words it. */
    static ApiError missing(Pod pod) {
        String namespace = pod.getMetadata().getNamespace();
        String name = nameOf(pod.getSpec());
        return ApiError.forbidden(ApiKind.POD, pod.getMetadata().getName(), "error looking up service account "
                + namespace + "/" + name + ": serviceaccount \"" + name + "\" not found");
    }

    /** The {@code default} ServiceAccount of {@code namespace}, as declared: to be admitted before it is written. */
    public static ServiceAccount declaredDefault(String namespace) {
        return ServiceAccount.newBuilder()
                .setMetadata(ObjectMeta.newBuilder().setName(DEFAULT).setNamespace(namespace).build())
                .build();
    }
}
