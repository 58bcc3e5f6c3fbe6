package io.korch.printing;

import io.korch.api.ServiceAccount;
import java.time.Instant;
import java.util.List;

/** ServiceAccounts as {@code kubectl get serviceaccounts} shows them: {@code NAME SECRETS AGE}. */
public final class ServiceAccountPrinter implements TablePrinter<ServiceAccount> {

    private static final List<Column> COLUMNS = List.of(
            Column.objectName(),
            Column.string("Secrets", "Secrets is a list of the secrets in the same namespace that pods running"
                    + " using this ServiceAccount are allowed to use."),
            Column.age());

    ServiceAccountPrinter() {
    }

    @Override
    public Class<ServiceAccount> type() {
        return ServiceAccount.class;
    }

    @Override
    public List<Column> columns() {
        return COLUMNS;
    }

    @Override
    public List<Object> cells(ServiceAccount serviceAccount, Instant now) {
        return List.of(serviceAccount.getMetadata().getName(), serviceAccount.getSecrets().size(),
                Ages.age(serviceAccount.getMetadata().getCreationTimestamp(), now));
    }
}
