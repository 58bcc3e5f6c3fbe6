package io.korch.agent.proxy.iptables;

import io.korch.agent.DaemonThreads;
import io.korch.agent.network.Conntrack;
import io.korch.agent.network.Iptables;
import io.korch.agent.services.ServiceCatalog;
import io.korch.agent.services.ServiceEntry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The iptables mode of the node proxy: keeps this agent's chains ({@link IptablesPlan}) in line with the
 * {@link ServiceCatalog}, as kube-proxy's proxier does.
 *
 * <p>Data flow: every catalog change asks for a sync; syncs run one at a time on a thread of their own, and the
 * changes that arrive while one runs are applied together by the next. A sync plans the whole rule set and writes
 * what changed since the last one in one {@code iptables-restore --noflush} transaction
 * ({@link IptablesRules#restoreInput}); a failed write is logged and retried a second later with every chain.
 * Once a write succeeded, the UDP flows it made stale are deleted from conntrack ({@link StaleUdpFlows}).
 *
 * <p>Several agents of one machine each have chains of their own, tagged by node name and hooked from {@code
 * PREROUTING}, {@code OUTPUT}, {@code POSTROUTING} (nat) and {@code INPUT}, {@code OUTPUT} (filter) by rules
 * whose comment names the agent's process. They see the same Services and write the same rules, so whichever hook
 * comes first DNATs a connection and the others are not reached; removing one agent's chains leaves the others
 * working. {@link #start} first removes the chains of agents whose process is gone (and this agent's own, from
 * an earlier run), checks for them again every few seconds while it runs, and sets {@code net.ipv4.conf.all.route_localnet=1}, which DNAT from {@code 127.0.0.1} to a
 * pod needs. Each sync also puts the pod bridge's ports in hairpin mode ({@link BridgeHairpin}): a pod becomes an
 * endpoint, and so needs it, only after its port exists. {@link #close} removes this agent's hooks and chains in one transaction, and the last agent of the
 * machine to stop puts {@code route_localnet} back when it was the one that set it.
 */
public final class IptablesProxier implements ServiceCatalog.Listener, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(IptablesProxier.class);
    private static final Path ROUTE_LOCALNET = Path.of("/proc/sys/net/ipv4/conf/all/route_localnet");
    /** Present while korch's agents changed {@code route_localnet} from 0, so the last one to stop restores it. */
    private static final Path ROUTE_LOCALNET_SET = Path.of(System.getProperty("java.io.tmpdir"),
            "korch-route-localnet-set");
    private static final Pattern HOOK_PID = Pattern.compile("pid (\\d+)");
    private static final long RETRY_SECONDS = 1;
    /** How often the hooks are checked for agents whose process is gone. */
    private static final long DEAD_AGENT_CHECK_SECONDS = 5;

    private final ServiceCatalog catalog;
    private final IptablesPlan.Settings settings;
    private final String nodeName;
    private final ScheduledExecutorService syncer;
    private final AtomicBoolean pending = new AtomicBoolean();
    private final Supplier<Map<String, List<String>>> currentChains;
    private final BridgeHairpin hairpin;
    private volatile boolean started;
    private volatile boolean closed;
    /** What the last successful write left, or null before the first (which also inserts the hooks). */
    private volatile IptablesRules applied;
    /** The UDP ports of the last successful write, whose flows conntrack holds. */
    private Map<String, StaleUdpFlows.UdpPort> appliedUdp = Map.of();
    /** Whether {@code conntrack} can be run, known at {@link #start}. */
    private boolean conntrack;
    private volatile long syncs;

    /**
     * @param nodeName names the agent in its chains' tag and its hooks' comments
     * @param bridge   the pod network's bridge, whose ports are put in hairpin mode
     */
    public IptablesProxier(ServiceCatalog catalog, String nodeName, String nodeIP, String podCidr, String dnsIP,
                           String bridge) {
        this.catalog = catalog;
        this.hairpin = new BridgeHairpin(bridge);
        this.nodeName = nodeName;
        this.settings = new IptablesPlan.Settings(ChainNames.forNode(nodeName), nodeIP, podCidr, dnsIP);
        this.currentChains = IptablesProxier::savedChains;
        this.syncer = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("korch-iptables-" + nodeName));
    }

    /** Whether iptables can be used here: the commands exist and may change the nat table (root). */
    public static boolean usable() {
        return Iptables.iptables(List.of("-t", "nat", "-S", "POSTROUTING")).ok()
                && Iptables.run(List.of("iptables-restore", "--version"), null).ok();
    }

    /** The chain names of this agent. */
    public ChainNames chains() {
        return settings.chains();
    }

    /** The rules the last successful write left in the kernel, or {@link IptablesRules#EMPTY} before it. */
    public IptablesRules applied() {
        IptablesRules rules = applied;
        return rules == null ? IptablesRules.EMPTY : rules;
    }

    /** How many writes succeeded. */
    public long syncs() {
        return syncs;
    }

    /**
     * Removes stale chains, sets {@code route_localnet}, and writes the rules of the catalog as it is now with the
     * hooks, before returning.
     *
     * @throws IllegalStateException when the rules cannot be written
     */
    public void start() {
        removeStale();
        enableRouteLocalnet();
        conntrack = Conntrack.usable();
        if (!conntrack) {
            LOG.warn("node {}: conntrack (conntrack-tools) cannot be run: a UDP flow to an endpoint that left its"
                    + " Service goes on reaching it until idle for 30 s", nodeName);
        }
        started = true;
        try {
            syncer.submit(this::sync).get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot write the iptables rules: " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing the iptables rules", e);
        }
        if (applied == null) {
            throw new IllegalStateException("cannot write the iptables rules of " + nodeName + " (see the log)");
        }
        syncer.scheduleWithFixedDelay(this::removeDeadAgents, DEAD_AGENT_CHECK_SECONDS, DEAD_AGENT_CHECK_SECONDS,
                TimeUnit.SECONDS);
        LOG.info("node {}: Services are proxied by iptables rules (chains {}*, {} rules)", nodeName,
                settings.chains().services().replace("SERVICES", ""), applied.size());
    }

    @Override
    public void servicesChanged(Set<String> keys) {
        requestSync();
    }

    private void requestSync() {
        if (started && !closed && pending.compareAndSet(false, true)) {
            syncer.execute(this::sync);
        }
    }

    /** Plans the catalog's rules and writes the change; on failure, tries again a second later with every chain. */
    private void sync() {
        pending.set(false);
        if (closed) {
            return;
        }
        hairpin.enable();
        Collection<ServiceEntry> services = catalog.entries();
        IptablesRules plan = IptablesPlan.of(services, settings);
        IptablesRules previous = applied;
        String input = plan.restoreInput(previous == null ? IptablesRules.EMPTY : previous,
                previous == null ? hooks("-I", 1) : Map.of());
        if (input.isEmpty()) {
            return;
        }
        Iptables.Result written = Iptables.restore(input);
        if (written.ok()) {
            applied = plan;
            syncs++;
            clearStaleUdpFlows(StaleUdpFlows.ports(services, settings));
            return;
        }
        LOG.warn("node {}: cannot write the iptables rules of the Services, trying again in {} s: {}", nodeName,
                RETRY_SECONDS, written.output());
        if (previous != null) {
            applied = unknown();
        }
        syncer.schedule(this::requestSync, RETRY_SECONDS, TimeUnit.SECONDS);
    }

    private void clearStaleUdpFlows(Map<String, StaleUdpFlows.UdpPort> udp) {
        if (conntrack) {
            for (List<String> filter : StaleUdpFlows.deletions(appliedUdp, udp)) {
                Iptables.Result deleted = Conntrack.delete(filter);
                if (!deleted.ok()) {
                    LOG.warn("node {}: cannot delete the stale UDP flows of {}: {}", nodeName, String.join(" ", filter),
                            deleted.output());
                }
            }
        }
        appliedUdp = udp;
    }

    /** This agent's chains as the kernel has them, with rules that never equal a plan's, so all are rewritten. */
    private IptablesRules unknown() {
        IptablesRules.Builder builder = new IptablesRules.Builder();
        currentChains.get().forEach((table, chains) -> chains.stream()
                .filter(chain -> settings.chains().tag().equals(ChainNames.tagOf(chain)))
                .forEach(chain -> builder.rule(table, chain, "(unknown)")));
        return builder.build();
    }

    /**
     * The hook rules of this agent per table, as {@code iptables-restore} lines of {@code action} ({@code -I}
     * with {@code position}, or {@code -D} with position 0).
     */
    Map<String, List<String>> hooks(String action, int position) {
        ChainNames names = settings.chains();
        String comment = " -m comment --comment \"korch node proxy of " + nodeName + " pid "
                + ProcessHandle.current().pid() + "\"";
        String at = position > 0 ? " " + position : "";
        Map<String, List<String>> hooks = new LinkedHashMap<>();
        hooks.put(IptablesPlan.NAT, List.of(
                action + " PREROUTING" + at + comment + " -j " + names.services(),
                action + " OUTPUT" + at + comment + " -j " + names.services(),
                action + " POSTROUTING" + at + comment + " -j " + names.postrouting()));
        hooks.put(IptablesPlan.FILTER, List.of(
                action + " INPUT" + at + " -m conntrack --ctstate NEW" + comment + " -j " + names.services(),
                action + " OUTPUT" + at + " -m conntrack --ctstate NEW" + comment + " -j " + names.services(),
                action + " INPUT" + at + comment + " -j " + names.firewall()));
        return hooks;
    }

    /** Stops syncing and removes this agent's hooks and chains; the last agent restores {@code route_localnet}. */
    @Override
    public void close() {
        closed = true;
        syncer.shutdown();
        try {
            if (!syncer.awaitTermination(30, TimeUnit.SECONDS)) {
                LOG.warn("node {}: an iptables write did not end within 30 s", nodeName);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        IptablesRules rules = applied;
        if (rules != null) {
            Iptables.Result removed = Iptables.restore(IptablesRules.EMPTY.restoreInput(rules, hooks("-D", 0)));
            if (removed.ok()) {
                LOG.info("node {}: removed its iptables rules of the Services", nodeName);
            } else {
                LOG.warn("node {}: cannot remove its iptables rules in one go ({}); removing them one by one", nodeName,
                        removed.output());
                removeTags(Set.of(settings.chains().tag()));
            }
            applied = null;
        }
        if (started && liveTags().isEmpty()) {
            restoreRouteLocalnet();
        }
    }

    /**
     * Removes the hooks and chains of other agents whose process is gone (killed, not stopped), whose rules would
     * otherwise go on answering with the endpoints they last knew. Reads only {@code PREROUTING}, where every agent
     * hooks, so that the check stays cheap at any number of Services.
     */
    private void removeDeadAgents() {
        if (closed) {
            return;
        }
        Iptables.Result hooks = Iptables.iptables(List.of("-t", IptablesPlan.NAT, "-S", "PREROUTING"));
        if (!hooks.ok()) {
            return;
        }
        List<String> lines = hooks.output().lines().toList();
        Set<String> dead = new HashSet<>();
        lines.forEach(line -> {
            String tag = chainOrTarget(line);
            if (tag != null) {
                dead.add(tag);
            }
        });
        dead.removeAll(liveTags(Map.of(IptablesPlan.NAT, lines)));
        dead.remove(settings.chains().tag());
        if (!dead.isEmpty()) {
            LOG.info("node {}: removing the iptables chains of korch agents {}, whose process is gone", nodeName, dead);
            removeTags(dead);
        }
    }

    /** Removes the chains and hooks of agents whose process is gone, and this agent's own of an earlier run. */
    private void removeStale() {
        Map<String, List<String>> saved = savedLines();
        Set<String> tags = new HashSet<>();
        saved.values().forEach(lines -> lines.forEach(line -> {
            String tag = chainOrTarget(line);
            if (tag != null) {
                tags.add(tag);
            }
        }));
        tags.removeAll(liveTags(saved));
        if (!tags.isEmpty()) {
            LOG.info("node {}: removing stale iptables chains of korch agents {}", nodeName, tags);
            removeTags(tags);
        }
    }

    /** Removes every hook and chain of the {@code tags}, as {@code iptables-save} shows them, in one transaction. */
    private void removeTags(Set<String> tags) {
        StringBuilder input = new StringBuilder();
        savedLines().forEach((table, lines) -> {
            List<String> chains = new ArrayList<>();
            List<String> deletes = new ArrayList<>();
            for (String line : lines) {
                if (line.startsWith(":") && tags.contains(ChainNames.tagOf(line.substring(1).split(" ")[0]))) {
                    chains.add(line.substring(1).split(" ")[0]);
                } else if (line.startsWith("-A ") && ChainNames.tagOf(line.split(" ")[1]) == null
                        && tags.contains(chainOrTarget(line))) {
                    deletes.add("-D " + line.substring(3));
                }
            }
            if (!chains.isEmpty() || !deletes.isEmpty()) {
                input.append('*').append(table).append('\n');
                chains.forEach(chain -> input.append(':').append(chain).append(" - [0:0]\n"));
                deletes.forEach(line -> input.append(line).append('\n'));
                chains.forEach(chain -> input.append("-X ").append(chain).append('\n'));
                input.append("COMMIT\n");
            }
        });
        if (!input.isEmpty()) {
            Iptables.Result removed = Iptables.restore(input.toString());
            if (!removed.ok()) {
                LOG.warn("node {}: cannot remove the iptables chains of {}: {}", nodeName, tags, removed.output());
            }
        }
    }

    /** The tags of other agents whose hooks name a running process. */
    private Set<String> liveTags() {
        return liveTags(savedLines());
    }

    private Set<String> liveTags(Map<String, List<String>> saved) {
        Set<String> live = new HashSet<>();
        saved.values().forEach(lines -> lines.forEach(line -> {
            Matcher pid = HOOK_PID.matcher(line);
            String tag = chainOrTarget(line);
            if (line.startsWith("-A ") && tag != null && pid.find()
                    && ProcessHandle.of(Long.parseLong(pid.group(1))).map(ProcessHandle::isAlive).orElse(false)) {
                live.add(tag);
            }
        }));
        live.remove(settings.chains().tag());
        return live;
    }

    /** The agent tag of a saved line's chain declaration or jump target, or null. */
    private static String chainOrTarget(String line) {
        if (line.startsWith(":")) {
            return ChainNames.tagOf(line.substring(1).split(" ")[0]);
        }
        int jump = line.lastIndexOf(" -j ");
        return jump < 0 ? null : ChainNames.tagOf(line.substring(jump + 4).split(" ")[0]);
    }

    private static Map<String, List<String>> savedLines() {
        Map<String, List<String>> saved = new LinkedHashMap<>();
        for (String table : IptablesRules.TABLES) {
            Iptables.Result result = Iptables.save(table);
            saved.put(table, result.ok() ? result.output().lines().toList() : List.of());
        }
        return saved;
    }

    private static Map<String, List<String>> savedChains() {
        Map<String, List<String>> chains = new LinkedHashMap<>();
        savedLines().forEach((table, lines) -> chains.put(table, lines.stream().filter(line -> line.startsWith(":"))
                .map(line -> line.substring(1).split(" ")[0]).toList()));
        return chains;
    }

    private void enableRouteLocalnet() {
        try {
            if ("0".equals(Files.readString(ROUTE_LOCALNET, StandardCharsets.US_ASCII).trim())) {
                Files.writeString(ROUTE_LOCALNET, "1\n", StandardCharsets.US_ASCII);
                Files.writeString(ROUTE_LOCALNET_SET, nodeName + "\n", StandardCharsets.US_ASCII);
                LOG.info("set net.ipv4.conf.all.route_localnet=1 while korch's agents run, so node ports on 127.0.0.1"
                        + " reach pods");
            }
        } catch (IOException e) {
            LOG.warn("cannot set net.ipv4.conf.all.route_localnet=1: node ports on 127.0.0.1 will not reach pods: {}",
                    e.getMessage());
        }
    }

    private void restoreRouteLocalnet() {
        try {
            if (Files.deleteIfExists(ROUTE_LOCALNET_SET)) {
                Files.writeString(ROUTE_LOCALNET, "0\n", StandardCharsets.US_ASCII);
                LOG.info("put net.ipv4.conf.all.route_localnet back to 0");
            }
        } catch (IOException e) {
            LOG.warn("cannot put net.ipv4.conf.all.route_localnet back to 0: {}", e.getMessage());
        }
    }
}
