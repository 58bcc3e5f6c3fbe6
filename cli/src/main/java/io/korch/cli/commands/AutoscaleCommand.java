package io.korch.cli.commands;

import io.korch.api.CrossVersionObjectReference;
import io.korch.api.HorizontalPodAutoscaler;
import io.korch.api.HorizontalPodAutoscalerSpec;
import io.korch.api.MetricSpec;
import io.korch.api.ObjectMeta;
import io.korch.cli.client.ApiClient;
import io.korch.cli.output.ResourceNames;
import io.korch.json.ApiJson;
import io.korch.model.ApiKind;
import io.korch.model.AutoscalerDefaults;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code korch autoscale deployment/NAME --max N [--min N] [--cpu-percent P] [--name HPA]}: as
 * {@code kubectl autoscale}, creates a HorizontalPodAutoscaler (autoscaling/v2) of the deployment,
 * named like it unless {@code --name} says otherwise. Without {@code --min} the server's default
 * (1) applies, without {@code --cpu-percent} its default target (cpu at 80 % of request).
 */
@Command(name = "autoscale", sortOptions = false,
        description = "Create an autoscaler that keeps a deployment's pods near a cpu target.")
public final class AutoscaleCommand extends ClientCommand {

    @Parameters(index = "0", arity = "1", paramLabel = "KIND",
            description = "deployment/NAME, or deployment followed by NAME.")
    private String kindName;

    @Parameters(index = "1..*", paramLabel = "NAME", description = "The deployment's name, when not given as deployment/NAME.")
    private List<String> names = new ArrayList<>();

    @Option(names = "--max", required = true, paramLabel = "N",
            description = "The most replicas the autoscaler may set.")
    private int max;

    @Option(names = "--min", paramLabel = "N", description = "The fewest replicas the autoscaler may set (default: 1).")
    private Integer min;

    @Option(names = "--cpu-percent", paramLabel = "P",
            description = "The average cpu use of the pods to aim at, in percent of their request (default: 80).")
    private Integer cpuPercent;

    @Option(names = "--name", paramLabel = "NAME", description = "The autoscaler's name (default: the deployment's).")
    private String name;

    @Override
    public Integer call() {
        KindArguments target = KindArguments.parse(kindName, names);
        if (target.kind() != ApiKind.DEPLOYMENT) {
            throw new CommandFailedException("korch autoscales deployments only, not " + target.kind().plural());
        }
        if (target.names().size() != 1) {
            throw new CommandFailedException("name the one deployment to autoscale: korch autoscale deployment/NAME --max N");
        }
        if (max < 1) {
            throw new CommandFailedException("--max must be 1 or more, not " + max);
        }
        if (min != null && (min < 1 || min > max)) {
            throw new CommandFailedException("--min must be between 1 and --max (" + max + "), not " + min);
        }
        if (cpuPercent != null && cpuPercent < 1) {
            throw new CommandFailedException("--cpu-percent must be 1 or more, not " + cpuPercent);
        }
        String deployment = target.names().get(0);
        String namespace = options().namespaceOrDefault();
        ApiClient client = options().client();
        // as kubectl does, the target must exist
        client.get(ApiKind.DEPLOYMENT.objectPath(namespace, deployment));
        String hpaName = name == null ? deployment : name;
        List<MetricSpec> metrics = cpuPercent == null ? List.of() : List.of(AutoscalerDefaults.cpuUtilization(cpuPercent));
        HorizontalPodAutoscaler hpa = HorizontalPodAutoscaler.newBuilder()
                .setMetadata(ObjectMeta.newBuilder().setName(hpaName).setNamespace(namespace).build())
                .setSpec(HorizontalPodAutoscalerSpec.newBuilder()
                        .setScaleTargetRef(CrossVersionObjectReference.newBuilder()
                                .setApiVersion(ApiKind.DEPLOYMENT.apiVersion()).setKind(ApiKind.DEPLOYMENT.kind())
                                .setName(deployment).build())
                        .setMinReplicas(min).setMaxReplicas(max).setMetrics(metrics).build())
                .build();
        client.post(ApiKind.HORIZONTALPODAUTOSCALER.collectionPath(namespace), ApiJson.write(hpa));
        out().println(ResourceNames.slashed(ApiKind.HORIZONTALPODAUTOSCALER, hpaName) + " autoscaled");
        out().flush();
        return 0;
    }
}
