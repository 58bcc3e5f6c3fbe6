package io.korch.agent.probe;

/**
 * One probe or hook attempt: its result and what it said (the command's output, or why the check failed,
 * as Kubernetes words it: {@code HTTP probe failed with statuscode: 500}).
 */
public record ProbeOutcome(ProbeResult result, String output) {

    public ProbeOutcome {
        output = output == null ? "" : output;
    }

    static ProbeOutcome success(String output) {
        return new ProbeOutcome(ProbeResult.SUCCESS, output);
    }

    static ProbeOutcome failure(String output) {
        return new ProbeOutcome(ProbeResult.FAILURE, output);
    }

    static ProbeOutcome error(String output) {
        return new ProbeOutcome(ProbeResult.UNKNOWN, output);
    }
}
