package io.korch.cli.testing;

/** Manifests as a user writes them, for commands that read YAML: {@code pod("web", "demo", "app=web")}. */
public final class ManifestTexts {

    private ManifestTexts() {
    }

    /** A Namespace. */
    public static String namespace(String name) {
        return "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: " + name + "\n";
    }

    /** A one-container pod of korch/busybox with one label, given as {@code key=value}. */
    public static String pod(String name, String namespace, String label) {
        String[] kv = label.split("=");
        return """
                apiVersion: v1
                kind: Pod
                metadata:
                  name: %s
                  namespace: %s
                  labels: {%s: %s}
                spec:
                  containers:
                    - name: main
                      image: korch/busybox:latest
                      command: ["sh", "-c", "sleep 3600"]
                """.formatted(name, namespace, kv[0], kv[1]);
    }

    /** A Deployment of {@code replicas} pods labelled {@code app=NAME}, with one container named NAME. */
    public static String deployment(String name, String namespace, int replicas) {
        return """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: %s
                  namespace: %s
                spec:
                  replicas: %d
                  selector:
                    matchLabels: {app: %s}
                  template:
                    metadata:
                      labels: {app: %s}
                    spec:
                      containers:
                        - name: %s
                          image: korch/busybox:latest
                """.formatted(name, namespace, replicas, name, name, name);
    }
}
