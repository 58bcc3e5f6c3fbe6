package io.korch.gateway.protobuf;

import java.util.Map;
import java.util.Optional;

/**
 * The table of Kubernetes protobuf messages korch reads, transcribed from the
 * {@code generated.proto} files of k8s.io/api ({@code core/v1} with its Services, {@code apps/v1},
 * {@code autoscaling/v1}) and k8s.io/apimachinery ({@code meta/v1}).
 *
 * <p>Every field of these messages is listed, korch's or not, so a field korch does not model
 * reaches its strict JSON reading by its Kubernetes name and is refused there; the messages of
 * such fields are {@link MessageSchema.Type#OPAQUE}. A field marked {@code kept} is a Go pointer
 * or has no {@code omitempty}: its zero value is shown, as Go's JSON would show it.
 */
final class KubernetesSchemas {

    // meta/v1
    static final MessageSchema OWNER_REFERENCE = MessageSchema.named("OwnerReference")
            .string(5, "apiVersion").kept()
            .string(1, "kind").kept()
            .string(3, "name").kept()
            .string(4, "uid").kept()
            .bool(6, "controller").kept()
            .bool(7, "blockOwnerDeletion").kept()
            .build();
    static final MessageSchema MANAGED_FIELDS_ENTRY = MessageSchema.named("ManagedFieldsEntry")
            .string(1, "manager")
            .string(2, "operation")
            .string(3, "apiVersion")
            .time(4, "time")
            .string(6, "fieldsType")
            .fieldsV1(7, "fieldsV1")
            .string(8, "subresource")
            .build();
    static final MessageSchema OBJECT_META = MessageSchema.named("ObjectMeta")
            .string(1, "name")
            .string(2, "generateName")
            .string(3, "namespace")
            .string(4, "selfLink")
            .string(5, "uid")
            .string(6, "resourceVersion")
            .int64(7, "generation")
            .time(8, "creationTimestamp")
            .time(9, "deletionTimestamp")
            .int64(10, "deletionGracePeriodSeconds").kept()
            .stringMap(11, "labels")
            .stringMap(12, "annotations")
            .messages(13, "ownerReferences", OWNER_REFERENCE)
            .strings(14, "finalizers")
            .messages(17, "managedFields", MANAGED_FIELDS_ENTRY)
            .build();
    static final MessageSchema LABEL_SELECTOR_REQUIREMENT = MessageSchema.named("LabelSelectorRequirement")
            .string(1, "key").kept()
            .string(2, "operator").kept()
            .strings(3, "values")
            .build();
    static final MessageSchema LABEL_SELECTOR = MessageSchema.named("LabelSelector")
            .stringMap(1, "matchLabels")
            .messages(2, "matchExpressions", LABEL_SELECTOR_REQUIREMENT)
            .build();
    static final MessageSchema PRECONDITIONS = MessageSchema.named("Preconditions")
            .string(1, "uid").kept()
            .string(2, "resourceVersion").kept()
            .build();
    static final MessageSchema DELETE_OPTIONS = MessageSchema.named("DeleteOptions")
            .int64(1, "gracePeriodSeconds").kept()
            .message(2, "preconditions", PRECONDITIONS).kept()
            .bool(3, "orphanDependents").kept()
            .string(4, "propagationPolicy").kept()
            .strings(5, "dryRun")
            .bool(6, "ignoreStoreReadErrorWithClusterBreakingPotential").kept()
            .build();

    // core/v1: Namespace
    static final MessageSchema NAMESPACE_SPEC = MessageSchema.named("NamespaceSpec")
            .strings(1, "finalizers")
            .build();
    static final MessageSchema NAMESPACE_STATUS = MessageSchema.named("NamespaceStatus")
            .string(1, "phase")
            .opaques(2, "conditions")
            .build();
    static final MessageSchema NAMESPACE = MessageSchema.named("Namespace")
            .message(1, "metadata", OBJECT_META)
            .message(2, "spec", NAMESPACE_SPEC)
            .message(3, "status", NAMESPACE_STATUS)
            .build();

    // core/v1: Pod
    static final MessageSchema ENV_VAR = MessageSchema.named("EnvVar")
            .string(1, "name").kept()
            .string(2, "value")
            .opaque(3, "valueFrom")
            .build();
    static final MessageSchema CONTAINER_PORT = MessageSchema.named("ContainerPort")
            .string(1, "name")
            .int32(2, "hostPort")
            .int32(3, "containerPort").kept()
            .string(4, "protocol")
            .string(5, "hostIP")
            .build();
    static final MessageSchema RESOURCE_REQUIREMENTS = MessageSchema.named("ResourceRequirements")
            .quantityMap(1, "limits")
            .quantityMap(2, "requests")
            .opaques(3, "claims")
            .build();
    static final MessageSchema CONTAINER = MessageSchema.named("Container")
            .string(1, "name").kept()
            .string(2, "image")
            .strings(3, "command")
            .strings(4, "args")
            .string(5, "workingDir")
            .messages(6, "ports", CONTAINER_PORT)
            .opaques(19, "envFrom")
            .messages(7, "env", ENV_VAR)
            .message(8, "resources", RESOURCE_REQUIREMENTS)
            .opaques(23, "resizePolicy")
            .string(24, "restartPolicy").kept()
            .opaques(25, "restartPolicyRules")
            .opaques(9, "volumeMounts")
            .opaques(21, "volumeDevices")
            .opaque(10, "livenessProbe")
            .opaque(11, "readinessProbe")
            .opaque(22, "startupProbe")
            .opaque(12, "lifecycle")
            .string(13, "terminationMessagePath")
            .string(20, "terminationMessagePolicy")
            .string(14, "imagePullPolicy")
            .opaque(15, "securityContext")
            .bool(16, "stdin")
            .bool(17, "stdinOnce")
            .bool(18, "tty")
            .build();
    static final MessageSchema POD_SPEC = MessageSchema.named("PodSpec")
            .opaques(1, "volumes")
            .messages(20, "initContainers", CONTAINER)
            .messages(2, "containers", CONTAINER)
            .opaques(34, "ephemeralContainers")
            .string(3, "restartPolicy")
            .int64(4, "terminationGracePeriodSeconds").kept()
            .int64(5, "activeDeadlineSeconds").kept()
            .string(6, "dnsPolicy")
            .stringMap(7, "nodeSelector")
            .string(8, "serviceAccountName")
            .string(9, "serviceAccount")
            .bool(21, "automountServiceAccountToken").kept()
            .string(10, "nodeName")
            .bool(11, "hostNetwork")
            .bool(12, "hostPID")
            .bool(13, "hostIPC")
            .bool(27, "shareProcessNamespace").kept()
            .opaque(14, "securityContext")
            .opaques(15, "imagePullSecrets")
            .string(16, "hostname")
            .string(17, "subdomain")
            .opaque(18, "affinity")
            .string(19, "schedulerName")
            .opaques(22, "tolerations")
            .opaques(23, "hostAliases")
            .string(24, "priorityClassName")
            .int32(25, "priority").kept()
            .opaque(26, "dnsConfig")
            .opaques(28, "readinessGates")
            .string(29, "runtimeClassName").kept()
            .bool(30, "enableServiceLinks").kept()
            .string(31, "preemptionPolicy").kept()
            .quantityMap(32, "overhead")
            .opaques(33, "topologySpreadConstraints")
            .bool(35, "setHostnameAsFQDN").kept()
            .opaque(36, "os")
            .bool(37, "hostUsers").kept()
            .opaques(38, "schedulingGates")
            .opaques(39, "resourceClaims")
            .message(40, "resources", RESOURCE_REQUIREMENTS).kept()
            .string(41, "hostnameOverride").kept()
            .build();
    static final MessageSchema POD_TEMPLATE_SPEC = MessageSchema.named("PodTemplateSpec")
            .message(1, "metadata", OBJECT_META)
            .message(2, "spec", POD_SPEC)
            .build();
    static final MessageSchema POD_CONDITION = MessageSchema.named("PodCondition")
            .string(1, "type").kept()
            .int64(7, "observedGeneration")
            .string(2, "status").kept()
            .time(3, "lastProbeTime")
            .time(4, "lastTransitionTime")
            .string(5, "reason")
            .string(6, "message")
            .build();
    static final MessageSchema CONTAINER_STATE_WAITING = MessageSchema.named("ContainerStateWaiting")
            .string(1, "reason")
            .string(2, "message")
            .build();
    static final MessageSchema CONTAINER_STATE_RUNNING = MessageSchema.named("ContainerStateRunning")
            .time(1, "startedAt")
            .build();
    static final MessageSchema CONTAINER_STATE_TERMINATED = MessageSchema.named("ContainerStateTerminated")
            .int32(1, "exitCode").kept()
            .int32(2, "signal")
            .string(3, "reason")
            .string(4, "message")
            .time(5, "startedAt")
            .time(6, "finishedAt")
            .string(7, "containerID")
            .build();
    static final MessageSchema CONTAINER_STATE = MessageSchema.named("ContainerState")
            .message(1, "waiting", CONTAINER_STATE_WAITING).kept()
            .message(2, "running", CONTAINER_STATE_RUNNING).kept()
            .message(3, "terminated", CONTAINER_STATE_TERMINATED).kept()
            .build();
    static final MessageSchema CONTAINER_STATUS = MessageSchema.named("ContainerStatus")
            .string(1, "name").kept()
            .message(2, "state", CONTAINER_STATE)
            .message(3, "lastState", CONTAINER_STATE)
            .bool(4, "ready").kept()
            .int32(5, "restartCount").kept()
            .string(6, "image").kept()
            .string(7, "imageID").kept()
            .string(8, "containerID")
            .bool(9, "started").kept()
            .quantityMap(10, "allocatedResources")
            .message(11, "resources", RESOURCE_REQUIREMENTS).kept()
            .opaques(12, "volumeMounts")
            .opaque(13, "user")
            .opaques(14, "allocatedResourcesStatus")
            .string(15, "stopSignal").kept()
            .build();
    static final MessageSchema POD_STATUS = MessageSchema.named("PodStatus")
            .int64(17, "observedGeneration")
            .string(1, "phase")
            .messages(2, "conditions", POD_CONDITION)
            .string(3, "message")
            .string(4, "reason")
            .string(11, "nominatedNodeName")
            .string(5, "hostIP")
            .opaques(16, "hostIPs")
            .string(6, "podIP")
            .opaques(12, "podIPs")
            .time(7, "startTime")
            .messages(10, "initContainerStatuses", CONTAINER_STATUS)
            .messages(8, "containerStatuses", CONTAINER_STATUS)
            .string(9, "qosClass")
            .messages(13, "ephemeralContainerStatuses", CONTAINER_STATUS)
            .string(14, "resize")
            .opaques(15, "resourceClaimStatuses")
            .opaque(18, "extendedResourceClaimStatus")
            .quantityMap(19, "allocatedResources")
            .message(20, "resources", RESOURCE_REQUIREMENTS).kept()
            .opaques(21, "nodeAllocatableResourceClaimStatuses")
            .opaques(22, "volumeHealth")
            .build();
    static final MessageSchema POD = MessageSchema.named("Pod")
            .message(1, "metadata", OBJECT_META)
            .message(2, "spec", POD_SPEC)
            .message(3, "status", POD_STATUS)
            .build();

    // core/v1: Node
    static final MessageSchema NODE_SPEC = MessageSchema.named("NodeSpec")
            .string(1, "podCIDR")
            .strings(7, "podCIDRs")
            .string(3, "providerID")
            .bool(4, "unschedulable")
            .opaques(5, "taints")
            .opaque(6, "configSource")
            .string(2, "externalID")
            .opaque(8, "podPreemptionPolicy")
            .build();
    static final MessageSchema NODE_ADDRESS = MessageSchema.named("NodeAddress")
            .string(1, "type").kept()
            .string(2, "address").kept()
            .build();
    static final MessageSchema NODE_CONDITION = MessageSchema.named("NodeCondition")
            .string(1, "type").kept()
            .string(2, "status").kept()
            .time(3, "lastHeartbeatTime")
            .time(4, "lastTransitionTime")
            .string(5, "reason")
            .string(6, "message")
            .build();
    /** Port is shown by Go even when 0; left out here, so that an unset endpoint is no field at all. */
    static final MessageSchema DAEMON_ENDPOINT = MessageSchema.named("DaemonEndpoint")
            .int32(1, "Port")
            .build();
    static final MessageSchema NODE_DAEMON_ENDPOINTS = MessageSchema.named("NodeDaemonEndpoints")
            .message(1, "kubeletEndpoint", DAEMON_ENDPOINT)
            .build();
    static final MessageSchema NODE_SYSTEM_INFO = MessageSchema.named("NodeSystemInfo")
            .string(1, "machineID")
            .string(2, "systemUUID")
            .string(3, "bootID")
            .string(4, "kernelVersion")
            .string(5, "osImage")
            .string(6, "containerRuntimeVersion")
            .string(7, "kubeletVersion")
            .string(8, "kubeProxyVersion")
            .string(9, "operatingSystem")
            .string(10, "architecture")
            .opaque(11, "swap")
            .build();
    static final MessageSchema NODE_STATUS = MessageSchema.named("NodeStatus")
            .quantityMap(1, "capacity")
            .quantityMap(2, "allocatable")
            .string(3, "phase")
            .messages(4, "conditions", NODE_CONDITION)
            .messages(5, "addresses", NODE_ADDRESS)
            .message(6, "daemonEndpoints", NODE_DAEMON_ENDPOINTS)
            .message(7, "nodeInfo", NODE_SYSTEM_INFO)
            .opaques(8, "images")
            .strings(9, "volumesInUse")
            .opaques(10, "volumesAttached")
            .opaque(11, "config")
            .opaques(12, "runtimeHandlers")
            .opaque(13, "features")
            .strings(14, "declaredFeatures")
            .build();
    static final MessageSchema NODE = MessageSchema.named("Node")
            .message(1, "metadata", OBJECT_META)
            .message(2, "spec", NODE_SPEC)
            .message(3, "status", NODE_STATUS)
            .build();

    // apps/v1
    static final MessageSchema ROLLING_UPDATE_DEPLOYMENT = MessageSchema.named("RollingUpdateDeployment")
            .intOrString(1, "maxUnavailable")
            .intOrString(2, "maxSurge")
            .build();
    static final MessageSchema DEPLOYMENT_STRATEGY = MessageSchema.named("DeploymentStrategy")
            .string(1, "type")
            .message(2, "rollingUpdate", ROLLING_UPDATE_DEPLOYMENT).kept()
            .build();
    static final MessageSchema DEPLOYMENT_SPEC = MessageSchema.named("DeploymentSpec")
            .int32(1, "replicas").kept()
            .message(2, "selector", LABEL_SELECTOR).kept()
            .message(3, "template", POD_TEMPLATE_SPEC).kept()
            .message(4, "strategy", DEPLOYMENT_STRATEGY)
            .int32(5, "minReadySeconds")
            .int32(6, "revisionHistoryLimit").kept()
            .bool(7, "paused")
            .int32(9, "progressDeadlineSeconds").kept()
            .build();
    static final MessageSchema DEPLOYMENT_CONDITION = MessageSchema.named("DeploymentCondition")
            .string(1, "type").kept()
            .string(2, "status").kept()
            .time(6, "lastUpdateTime")
            .time(7, "lastTransitionTime")
            .string(4, "reason")
            .string(5, "message")
            .build();
    static final MessageSchema DEPLOYMENT_STATUS = MessageSchema.named("DeploymentStatus")
            .int64(1, "observedGeneration")
            .int32(2, "replicas")
            .int32(3, "updatedReplicas")
            .int32(7, "readyReplicas")
            .int32(4, "availableReplicas")
            .int32(5, "unavailableReplicas")
            .int32(9, "terminatingReplicas").kept()
            .messages(6, "conditions", DEPLOYMENT_CONDITION)
            .int32(8, "collisionCount").kept()
            .build();
    static final MessageSchema DEPLOYMENT = MessageSchema.named("Deployment")
            .message(1, "metadata", OBJECT_META)
            .message(2, "spec", DEPLOYMENT_SPEC)
            .message(3, "status", DEPLOYMENT_STATUS)
            .build();
    static final MessageSchema REPLICA_SET_SPEC = MessageSchema.named("ReplicaSetSpec")
            .int32(1, "replicas").kept()
            .int32(4, "minReadySeconds")
            .message(2, "selector", LABEL_SELECTOR).kept()
            .message(3, "template", POD_TEMPLATE_SPEC)
            .build();
    static final MessageSchema REPLICA_SET_STATUS = MessageSchema.named("ReplicaSetStatus")
            .int32(1, "replicas").kept()
            .int32(2, "fullyLabeledReplicas")
            .int32(4, "readyReplicas")
            .int32(5, "availableReplicas")
            .int32(7, "terminatingReplicas").kept()
            .int64(3, "observedGeneration")
            .opaques(6, "conditions")
            .build();
    static final MessageSchema REPLICA_SET = MessageSchema.named("ReplicaSet")
            .message(1, "metadata", OBJECT_META)
            .message(2, "spec", REPLICA_SET_SPEC)
            .message(3, "status", REPLICA_SET_STATUS)
            .build();

    // core/v1 Services
    static final MessageSchema SERVICE_PORT = MessageSchema.named("ServicePort")
            .string(1, "name")
            .string(2, "protocol")
            .string(6, "appProtocol").kept()
            .int32(3, "port").kept()
            .intOrString(4, "targetPort")
            .int32(5, "nodePort")
            .build();
    static final MessageSchema CLIENT_IP_CONFIG = MessageSchema.named("ClientIPConfig")
            .int32(1, "timeoutSeconds").kept()
            .build();
    static final MessageSchema SESSION_AFFINITY_CONFIG = MessageSchema.named("SessionAffinityConfig")
            .message(1, "clientIP", CLIENT_IP_CONFIG)
            .build();
    static final MessageSchema SERVICE_SPEC = MessageSchema.named("ServiceSpec")
            .messages(1, "ports", SERVICE_PORT)
            .stringMap(2, "selector")
            .string(3, "clusterIP")
            .strings(18, "clusterIPs")
            .string(4, "type")
            .strings(5, "externalIPs")
            .string(7, "sessionAffinity")
            .string(8, "loadBalancerIP")
            .strings(9, "loadBalancerSourceRanges")
            .string(10, "externalName")
            .string(11, "externalTrafficPolicy")
            .int32(12, "healthCheckNodePort")
            .bool(13, "publishNotReadyAddresses")
            .message(14, "sessionAffinityConfig", SESSION_AFFINITY_CONFIG)
            .strings(19, "ipFamilies")
            .string(17, "ipFamilyPolicy").kept()
            .bool(20, "allocateLoadBalancerNodePorts").kept()
            .string(21, "loadBalancerClass").kept()
            .string(22, "internalTrafficPolicy").kept()
            .string(23, "trafficDistribution").kept()
            .build();
    static final MessageSchema LOAD_BALANCER_INGRESS = MessageSchema.named("LoadBalancerIngress")
            .string(1, "ip")
            .string(2, "hostname")
            .string(3, "ipMode").kept()
            .opaques(4, "ports")
            .build();
    static final MessageSchema LOAD_BALANCER_STATUS = MessageSchema.named("LoadBalancerStatus")
            .messages(1, "ingress", LOAD_BALANCER_INGRESS)
            .build();
    static final MessageSchema SERVICE_STATUS = MessageSchema.named("ServiceStatus")
            .message(1, "loadBalancer", LOAD_BALANCER_STATUS)
            .opaques(2, "conditions")
            .build();
    static final MessageSchema SERVICE = MessageSchema.named("Service")
            .message(1, "metadata", OBJECT_META)
            .message(2, "spec", SERVICE_SPEC)
            .message(3, "status", SERVICE_STATUS)
            .build();

    // autoscaling/v1
    /** replicas is kept: a scale to 0 says 0, though Go's JSON would leave it out. */
    static final MessageSchema SCALE_SPEC = MessageSchema.named("ScaleSpec")
            .int32(1, "replicas").kept()
            .build();
    static final MessageSchema SCALE_STATUS = MessageSchema.named("ScaleStatus")
            .int32(1, "replicas").kept()
            .string(2, "selector")
            .build();
    static final MessageSchema SCALE = MessageSchema.named("Scale")
            .message(1, "metadata", OBJECT_META)
            .message(2, "spec", SCALE_SPEC)
            .message(3, "status", SCALE_STATUS)
            .build();

    // autoscaling/v2 HorizontalPodAutoscalers, as kubectl autoscale sends them; metric sources korch refuses are opaque
    static final MessageSchema CROSS_VERSION_OBJECT_REFERENCE = MessageSchema.named("CrossVersionObjectReference")
            .string(1, "kind")
            .string(2, "name")
            .string(3, "apiVersion")
            .build();
    static final MessageSchema METRIC_TARGET = MessageSchema.named("MetricTarget")
            .string(1, "type")
            .quantity(2, "value")
            .quantity(3, "averageValue")
            .int32(4, "averageUtilization").kept()
            .build();
    static final MessageSchema RESOURCE_METRIC_SOURCE = MessageSchema.named("ResourceMetricSource")
            .string(1, "name")
            .message(2, "target", METRIC_TARGET)
            .build();
    static final MessageSchema METRIC_SPEC = MessageSchema.named("MetricSpec")
            .string(1, "type")
            .opaque(2, "object")
            .opaque(3, "pods")
            .message(4, "resource", RESOURCE_METRIC_SOURCE)
            .opaque(5, "external")
            .opaque(7, "containerResource")
            .build();
    static final MessageSchema HPA_SCALING_POLICY = MessageSchema.named("HPAScalingPolicy")
            .string(1, "type")
            .int32(2, "value").kept()
            .int32(3, "periodSeconds").kept()
            .build();
    static final MessageSchema HPA_SCALING_RULES = MessageSchema.named("HPAScalingRules")
            .int32(3, "stabilizationWindowSeconds").kept()
            .string(1, "selectPolicy").kept()
            .messages(2, "policies", HPA_SCALING_POLICY)
            .build();
    static final MessageSchema HPA_BEHAVIOR = MessageSchema.named("HorizontalPodAutoscalerBehavior")
            .message(1, "scaleUp", HPA_SCALING_RULES)
            .message(2, "scaleDown", HPA_SCALING_RULES)
            .build();
    static final MessageSchema HPA_SPEC = MessageSchema.named("HorizontalPodAutoscalerSpec")
            .message(1, "scaleTargetRef", CROSS_VERSION_OBJECT_REFERENCE)
            .int32(2, "minReplicas").kept()
            .int32(3, "maxReplicas").kept()
            .messages(4, "metrics", METRIC_SPEC)
            .message(5, "behavior", HPA_BEHAVIOR)
            .build();
    static final MessageSchema HORIZONTAL_POD_AUTOSCALER = MessageSchema.named("HorizontalPodAutoscaler")
            .message(1, "metadata", OBJECT_META)
            .message(2, "spec", HPA_SPEC)
            .opaque(3, "status")
            .build();

    // autoscaling/v1 HorizontalPodAutoscalers, as kubectl autoscale sends them; scaleTargetRef as in v2
    static final MessageSchema HPA_V1_SPEC = MessageSchema.named("HorizontalPodAutoscalerSpec")
            .message(1, "scaleTargetRef", CROSS_VERSION_OBJECT_REFERENCE)
            .int32(2, "minReplicas").kept()
            .int32(3, "maxReplicas").kept()
            .int32(4, "targetCPUUtilizationPercentage").kept()
            .build();
    static final MessageSchema HORIZONTAL_POD_AUTOSCALER_V1 = MessageSchema.named("HorizontalPodAutoscaler")
            .message(1, "metadata", OBJECT_META)
            .message(2, "spec", HPA_V1_SPEC)
            .opaque(3, "status")
            .build();

    /** The kinds by {@code apiVersion/kind}. */
    private static final Map<String, MessageSchema> KINDS = Map.of(
            "v1/Namespace", NAMESPACE,
            "v1/Pod", POD,
            "v1/Node", NODE,
            "v1/Service", SERVICE,
            "apps/v1/Deployment", DEPLOYMENT,
            "apps/v1/ReplicaSet", REPLICA_SET,
            "autoscaling/v1/Scale", SCALE,
            "autoscaling/v1/HorizontalPodAutoscaler", HORIZONTAL_POD_AUTOSCALER_V1,
            "autoscaling/v2/HorizontalPodAutoscaler", HORIZONTAL_POD_AUTOSCALER);

    private KubernetesSchemas() {
    }

    /**
     * The message of a kind; DeleteOptions under any apiVersion, as every API group serves it.
     */
    static Optional<MessageSchema> of(String apiVersion, String kind) {
        if (DELETE_OPTIONS.name().equals(kind)) {
            return Optional.of(DELETE_OPTIONS);
        }
        return Optional.ofNullable(KINDS.get(apiVersion + "/" + kind));
    }
}
