package io.korch.agent.proxy.iptables;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A set of iptables chains of korch's own, per table ({@code nat}, {@code filter}), each with its rules in order
 * as {@code iptables-restore} reads them ({@code -A CHAIN ...}). Immutable; built by {@link IptablesPlan}.
 *
 * <p>{@link #restoreInput} writes the change from one set to another as one {@code iptables-restore --noflush}
 * input: a chain that is new or whose rules changed is declared (which flushes it) and written whole, a chain
 * that is gone is declared and deleted ({@code -X}), and an unchanged chain is not mentioned, so a change of one
 * Service's endpoints rewrites its own chains only, as kube-proxy's partial syncs do.
 */
public final class IptablesRules {

    /** The tables korch writes, in the order they are written. */
    public static final List<String> TABLES = List.of("nat", "filter");

    /** No chains: what is there before the first write and after the last. */
    public static final IptablesRules EMPTY = new IptablesRules(Map.of());

    private final Map<String, Map<String, List<String>>> tables;

    private IptablesRules(Map<String, Map<String, List<String>>> tables) {
        Map<String, Map<String, List<String>>> copy = new LinkedHashMap<>();
        tables.forEach((table, chains) -> {
            Map<String, List<String>> chainCopy = new LinkedHashMap<>();
            chains.forEach((chain, rules) -> chainCopy.put(chain, List.copyOf(rules)));
            copy.put(table, Collections.unmodifiableMap(chainCopy));
        });
        this.tables = Collections.unmodifiableMap(copy);
    }

    /** The chains of {@code table}, each with its rules, in the order they were added. */
    public Map<String, List<String>> chains(String table) {
        return tables.getOrDefault(table, Map.of());
    }

    /** The rules of {@code chain} in {@code table}, empty when there is no such chain. */
    public List<String> rules(String table, String chain) {
        return chains(table).getOrDefault(chain, List.of());
    }

    /** How many rules there are in all. */
    public int size() {
        return tables.values().stream().flatMap(chains -> chains.values().stream()).mapToInt(List::size).sum();
    }

    /**
     * The {@code iptables-restore --noflush} input that turns {@code previous} (what was written last) into these
     * chains, with {@code extra} lines of each table written after the chains' rules (hooks to insert or delete).
     * Empty when nothing changed.
     */
    public String restoreInput(IptablesRules previous, Map<String, List<String>> extra) {
        StringBuilder input = new StringBuilder();
        for (String table : TABLES) {
            Map<String, List<String>> now = chains(table);
            Map<String, List<String>> before = previous.chains(table);
            List<String> declared = new ArrayList<>();
            List<String> lines = new ArrayList<>();
            now.forEach((chain, rules) -> {
                if (!Objects.equals(before.get(chain), rules)) {
                    declared.add(chain);
                    lines.addAll(rules);
                }
            });
            List<String> deleted = before.keySet().stream().filter(chain -> !now.containsKey(chain)).toList();
            declared.addAll(deleted);
            List<String> tableExtra = extra.getOrDefault(table, List.of());
            if (declared.isEmpty() && tableExtra.isEmpty()) {
                continue;
            }
            input.append('*').append(table).append('\n');
            declared.forEach(chain -> input.append(':').append(chain).append(" - [0:0]\n"));
            lines.forEach(line -> input.append(line).append('\n'));
            tableExtra.forEach(line -> input.append(line).append('\n'));
            deleted.forEach(chain -> input.append("-X ").append(chain).append('\n'));
            input.append("COMMIT\n");
        }
        return input.toString();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof IptablesRules rules && rules.tables.equals(tables);
    }

    @Override
    public int hashCode() {
        return tables.hashCode();
    }

    @Override
    public String toString() {
        return restoreInput(EMPTY, Map.of());
    }

    /** Collects chains and rules; a chain exists once declared, even without rules. */
    public static final class Builder {
        private final Map<String, Map<String, List<String>>> tables = new LinkedHashMap<>();

        /** Declares {@code chain} in {@code table}; idempotent. */
        public Builder chain(String table, String chain) {
            tables.computeIfAbsent(table, t -> new LinkedHashMap<>()).computeIfAbsent(chain, c -> new ArrayList<>());
            return this;
        }

        /** Appends {@code -A CHAIN SPEC} to {@code chain}, declaring it when needed. */
        public Builder rule(String table, String chain, String spec) {
            chain(table, chain);
            tables.get(table).get(chain).add("-A " + chain + " " + spec.strip());
            return this;
        }

        public IptablesRules build() {
            return new IptablesRules(tables);
        }
    }
}
