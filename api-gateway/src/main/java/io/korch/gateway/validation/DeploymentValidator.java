package io.korch.gateway.validation;

import io.korch.api.Deployment;
import io.korch.api.DeploymentSpec;
import io.korch.api.DeploymentStrategy;
import io.korch.api.RollingUpdateDeployment;
import io.korch.model.DeploymentDefaults;
import io.korch.model.IntOrPercent;
import io.korch.model.Names;
import java.util.List;

/**
 * Validates a Deployment, as Kubernetes does once its defaults are filled in
 * ({@link DeploymentDefaults}): what a ReplicaSet needs, plus its update strategy — a rolling
 * update's {@code maxSurge} and {@code maxUnavailable} are counts or percentages, not both zero,
 * {@code maxUnavailable} at most 100 %, and no {@code rollingUpdate} with {@code Recreate} — its
 * history limit, and a progress deadline longer than {@code minReadySeconds}.
 */
public final class DeploymentValidator implements Validator<Deployment> {

    static final List<String> STRATEGIES = List.of(DeploymentDefaults.RECREATE, DeploymentDefaults.ROLLING_UPDATE);
    private static final String ROLLING_UPDATE = "spec.strategy.rollingUpdate";

    @Override
    public List<Cause> validate(Deployment deployment) {
        Causes causes = new Causes();
        MetadataRules.validate(deployment.getMetadata(), Names::checkDns1123Subdomain, causes);
        DeploymentSpec spec = deployment.getSpec();
        WorkloadRules.validate("deployment", spec.getReplicas(), spec.getMinReadySeconds(), spec.getSelector(),
                spec.getTemplate(), causes);
        strategy(spec.getStrategy(), causes);
        WorkloadRules.nonNegative("spec.revisionHistoryLimit", spec.getRevisionHistoryLimit(), causes);
        WorkloadRules.nonNegative("spec.progressDeadlineSeconds", spec.getProgressDeadlineSeconds(), causes);
        Integer deadline = spec.getProgressDeadlineSeconds();
        int minReady = spec.getMinReadySeconds() == null ? 0 : spec.getMinReadySeconds();
        if (deadline != null && deadline >= 0 && deadline <= minReady) {
            causes.invalid("spec.progressDeadlineSeconds", deadline, "must be greater than minReadySeconds");
        }
        return causes.list();
    }

    private static void strategy(DeploymentStrategy strategy, Causes causes) {
        if (strategy == null) {
            return;
        }
        String type = strategy.getType();
        if (type != null && !STRATEGIES.contains(type)) {
            causes.notSupported("spec.strategy.type", type, STRATEGIES);
            return;
        }
        RollingUpdateDeployment rolling = strategy.getRollingUpdate();
        if (rolling == null) {
            return;
        }
        if (DeploymentDefaults.RECREATE.equals(type)) {
            causes.forbidden(ROLLING_UPDATE, "may not be specified when strategy `type` is 'Recreate'");
            return;
        }
        boolean surgeValid = intOrPercent(ROLLING_UPDATE + ".maxSurge", rolling.getMaxSurge(), causes);
        boolean unavailableValid = intOrPercent(ROLLING_UPDATE + ".maxUnavailable", rolling.getMaxUnavailable(), causes);
        if (!surgeValid || !unavailableValid) {
            return;
        }
        if (IntOrPercent.percent(rolling.getMaxUnavailable()) > 100) {
            causes.invalid(ROLLING_UPDATE + ".maxUnavailable", rolling.getMaxUnavailable(), "must not be greater than 100%");
        }
        if (zero(rolling.getMaxSurge()) && zero(rolling.getMaxUnavailable())) {
            causes.invalid(ROLLING_UPDATE + ".maxUnavailable", rolling.getMaxUnavailable(),
                    "may not be 0 when `maxSurge` is 0");
        }
    }

    /** Whether {@code value} (null: defaulted already) is a count or a percentage; reports it otherwise. */
    private static boolean intOrPercent(String field, String value, Causes causes) {
        if (value == null || IntOrPercent.valid(value)) {
            return true;
        }
        causes.invalid(field, value, value.startsWith("-")
                ? "must be greater than or equal to 0"
                : "a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', "
                        + "regex used for validation is '[0-9]+%')");
        return false;
    }

    private static boolean zero(String value) {
        return value != null && IntOrPercent.scaled(value, 100, false) == 0;
    }
}
