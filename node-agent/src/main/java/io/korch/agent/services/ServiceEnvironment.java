package io.korch.agent.services;

import io.korch.agent.network.ServiceLinks;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The Kubernetes Service environment variables from the {@link ServiceCatalog}, as the kubelet's
 * {@code getServiceEnvVarMap} and {@code envvars.FromServices} make them: for every Service of the pod's
 * namespace with a cluster IP (not headless), and for the {@code kubernetes} Service of {@code default},
 * {@code NAME_SERVICE_HOST}, {@code NAME_SERVICE_PORT} (the first port), {@code NAME_SERVICE_PORT_PORTNAME}
 * per named port, and the Docker link variables {@code NAME_PORT=tcp://ip:port} (the first port) and
 * {@code NAME_PORT_80_TCP}, {@code ..._PROTO}, {@code ..._PORT}, {@code ..._ADDR} per port; names upper-cased
 * with {@code -} turned into {@code _}.
 */
public final class ServiceEnvironment implements ServiceLinks {

    /** The namespace and name of the API server's Service, whose variables every pod gets. */
    static final String MASTER_NAMESPACE = "default";
    static final String MASTER_SERVICE = "kubernetes";

    private final ServiceCatalog catalog;

    public ServiceEnvironment(ServiceCatalog catalog) {
        this.catalog = catalog;
    }

    @Override
    public Map<String, String> environment(String namespace) {
        Map<String, ServiceEntry> byName = new LinkedHashMap<>();
        catalog.entry(MASTER_NAMESPACE, MASTER_SERVICE).ifPresent(master -> byName.put(MASTER_SERVICE, master));
        for (ServiceEntry entry : catalog.inNamespace(namespace)) {
            if (!MASTER_NAMESPACE.equals(namespace) || !MASTER_SERVICE.equals(entry.name())) {
                byName.put(entry.name(), entry);
            }
        }
        List<ServiceEntry> services = new ArrayList<>(byName.values());
        services.sort((a, b) -> a.name().compareTo(b.name()));
        return variables(services);
    }

    /** The variables of {@code services}, in the kubelet's order per Service. Pure. */
    public static Map<String, String> variables(List<ServiceEntry> services) {
        Map<String, String> env = new LinkedHashMap<>();
        for (ServiceEntry service : services) {
            if (!service.hasClusterIP() || service.ports().isEmpty()) {
                continue;
            }
            String prefix = variableName(service.name());
            String ip = service.clusterIP();
            env.put(prefix + "_SERVICE_HOST", ip);
            env.put(prefix + "_SERVICE_PORT", Integer.toString(service.ports().get(0).port()));
            for (ServiceEntry.Port port : service.ports()) {
                if (!port.name().isEmpty()) {
                    env.put(prefix + "_SERVICE_PORT_" + variableName(port.name()), Integer.toString(port.port()));
                }
            }
            for (int i = 0; i < service.ports().size(); i++) {
                ServiceEntry.Port port = service.ports().get(i);
                String protocol = port.protocol().toLowerCase(Locale.ROOT);
                String url = protocol + "://" + ip + ":" + port.port();
                if (i == 0) {
                    env.put(prefix + "_PORT", url);
                }
                String portPrefix = prefix + "_PORT_" + port.port() + "_" + port.protocol().toUpperCase(Locale.ROOT);
                env.put(portPrefix, url);
                env.put(portPrefix + "_PROTO", protocol);
                env.put(portPrefix + "_PORT", Integer.toString(port.port()));
                env.put(portPrefix + "_ADDR", ip);
            }
        }
        return env;
    }

    /** Kubernetes' {@code makeEnvVariableName}: upper case, {@code -} turned into {@code _}. */
    static String variableName(String name) {
        return name.replace('-', '_').toUpperCase(Locale.ROOT);
    }
}
