package io.korch.printing;

import io.korch.api.Container;
import io.korch.api.LabelSelector;
import io.korch.api.PodSpec;
import io.korch.model.Selector;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What Deployments and ReplicaSets show alike: declared replicas, and the wide columns
 * {@code CONTAINERS IMAGES SELECTOR} of their pod template.
 */
public final class WorkloadCells {

    /** The wide columns of a workload, after its normal ones. */
    static final List<Column> TEMPLATE_COLUMNS = List.of(
            Column.string("Containers", "Names of each container in the template.").wide(),
            Column.string("Images", "Images referenced by each container in the template.").wide());

    private WorkloadCells() {
    }

    /** Declared replicas, which default to 1. */
    public static int replicas(Integer declared) {
        return declared == null ? 1 : declared;
    }

    /** A structured selector in {@code -l} syntax; {@code <none>} when it selects nothing. */
    public static String selectorText(LabelSelector selector) {
        try {
            String text = Selector.of(selector).toString();
            return text.isEmpty() ? Cells.NONE : text;
        } catch (IllegalArgumentException e) {
            return "<invalid: " + e.getMessage() + ">";
        }
    }

    /** The CONTAINERS, IMAGES and SELECTOR cells of a pod template and its selector. */
    static List<Object> templateCells(PodSpec spec, LabelSelector selector) {
        String containers = spec.getContainers().stream().map(Container::getName).collect(Collectors.joining(","));
        String images = spec.getContainers().stream().map(Container::getImage).collect(Collectors.joining(","));
        return List.of(containers, images, selectorText(selector));
    }
}
