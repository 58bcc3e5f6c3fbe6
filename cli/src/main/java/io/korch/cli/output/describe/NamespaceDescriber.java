package io.korch.cli.output.describe;

import io.korch.api.Namespace;
import io.korch.cli.output.DescribeWriter;

/** {@code korch describe namespace}: its labels, annotations and status. */
public final class NamespaceDescriber {

    private NamespaceDescriber() {
    }

    /** The report of {@code namespace}. */
    public static String describe(Namespace namespace) {
        DescribeWriter w = new DescribeWriter();
        w.field(0, "Name", namespace.getMetadata().getName());
        Sections.labelsAndAnnotations(w, namespace.getMetadata());
        w.field(0, "Status", namespace.getStatus() == null || namespace.getStatus().getPhase() == null
                ? "Active" : namespace.getStatus().getPhase());
        return w.render();
    }
}
