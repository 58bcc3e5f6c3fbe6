package io.korch.printing;

import io.korch.api.Namespace;
import java.time.Instant;
import java.util.List;

/** Namespaces as {@code kubectl get namespaces} shows them: {@code NAME STATUS AGE}, a namespace without a phase as Active. */
public final class NamespacePrinter implements TablePrinter<Namespace> {

    private static final List<Column> COLUMNS = List.of(
            Column.objectName(),
            Column.string("Status", "The status of the namespace"),
            Column.age());

    NamespacePrinter() {
    }

    @Override
    public Class<Namespace> type() {
        return Namespace.class;
    }

    @Override
    public List<Column> columns() {
        return COLUMNS;
    }

    @Override
    public List<Object> cells(Namespace namespace, Instant now) {
        String phase = namespace.getStatus() == null || namespace.getStatus().getPhase() == null
                ? "Active" : namespace.getStatus().getPhase();
        return List.of(namespace.getMetadata().getName(), phase,
                Ages.age(namespace.getMetadata().getCreationTimestamp(), now));
    }
}
