package io.korch.agent.probe;

/** What one probe attempt found, or what a probe's threshold has made its standing result. */
public enum ProbeResult {
    /** The check passed. */
    SUCCESS,
    /** The check failed. */
    FAILURE,
    /** The check could not be carried out (a prober error); the attempt does not count. */
    UNKNOWN
}
