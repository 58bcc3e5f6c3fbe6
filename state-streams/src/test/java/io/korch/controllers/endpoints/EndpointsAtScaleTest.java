package io.korch.controllers.endpoints;

import static io.korch.controllers.endpoints.EndpointFixtures.running;
import static io.korch.controllers.endpoints.EndpointFixtures.service;
import static org.assertj.core.api.Assertions.assertThat;

import io.korch.api.Pod;
import io.korch.api.PodStatusReport;
import io.korch.api.Service;
import io.korch.controllers.testing.SequentialIds;
import io.korch.testkit.Pods;
import io.korch.topics.Topics;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;

/**
 * The endpoints controller's processors at the size of the networking benchmark — 1,000 Services
 * of 10 pods each in one namespace, 10,000 endpoints — on in-memory stores: a pod's change reaches
 * only its own Service's slice, and costs a few milliseconds whatever the cluster's size.
 */
class EndpointsAtScaleTest {

    private static final int SERVICES = 1_000;
    private static final int PODS_PER_SERVICE = 10;

    private final MockProcessorContext<String, SpecificRecord> context = new MockProcessorContext<>();

    private <V> void store(String name, Serde<V> values) {
        KeyValueStore<String, V> store = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(name), Serdes.String(), values)
                .withLoggingDisabled().build();
        store.init(context.getStateStoreContext(), store);
        context.addStateStore(store);
    }

    @Test
    void aPodTurningNotReadyRewritesOnlyItsServicesSliceAndEndpoints() {
        store(EndpointsController.SERVICES_STORE, Topics.SERVICES.valueSerde());
        store(EndpointsController.SELECTORS_STORE, Serdes.String());
        store(EndpointsController.PODS_STORE, Topics.PODS.valueSerde());
        store(EndpointsController.REPORTS_STORE, Topics.POD_STATUS.valueSerde());
        store(EndpointsController.MEMBERS_STORE, Serdes.String());
        store(EndpointsController.SLICES_STORE, Topics.ENDPOINT_SLICES.valueSerde());
        store(EndpointsController.ENDPOINTS_STORE, Topics.ENDPOINTS.valueSerde());
        store(EndpointsController.UNRESOLVED_STORE, Serdes.String());
        SequentialIds ids = new SequentialIds();
        EndpointServiceProcessor services = new EndpointServiceProcessor(ids);
        EndpointPodProcessor pods = new EndpointPodProcessor(ids);
        EndpointReportProcessor reports = new EndpointReportProcessor(ids);
        services.init(context);
        pods.init(context);
        reports.init(context);
        long now = Instant.parse("2025-03-01T12:00:00Z").toEpochMilli();
        context.setCurrentSystemTimeMs(now);

        // given 1,000 Services and their 10,000 ready pods
        List<Pod> all = new ArrayList<>();
        for (int s = 0; s < SERVICES; s++) {
            Service service = service("svc-" + s).select("app", "app-" + s).port("http", 80, null).build();
            services.process(new Record<>("default/svc-" + s, service, now));
            for (int p = 0; p < PODS_PER_SERVICE; p++) {
                int n = s * PODS_PER_SERVICE + p;
                Pod pod = EndpointFixtures.pod("pod-" + s + "-" + p, "app-" + s);
                all.add(pod);
                pods.process(new Record<>("default/" + pod.getMetadata().getName(), pod, now));
                reports.process(new Record<>(Pods.statusKey(pod), running(pod, "node-" + (n % 50), ip(n), true), now));
            }
        }
        context.resetForwards();

        // when 100 pods of as many Services turn not ready, one after the other
        long started = System.nanoTime();
        for (int s = 0; s < 100; s++) {
            Pod pod = all.get(s * PODS_PER_SERVICE);
            PodStatusReport notReady = running(pod, "node-" + (s * PODS_PER_SERVICE % 50), ip(s * PODS_PER_SERVICE), false);
            reports.process(new Record<>(Pods.statusKey(pod), notReady, now));
        }
        double millisPerChange = (System.nanoTime() - started) / 1e6 / 100;
        System.out.printf("a readiness change among %d endpoints: %.2f ms%n", all.size(), millisPerChange);

        // then each wrote its own Service's one slice and Endpoints, nothing else
        assertThat(context.forwarded()).hasSize(200);
        assertThat(context.forwarded()).filteredOn(forward -> forward.childName().equals(java.util.Optional.of(EndpointsController.SLICES_SINK)))
                .hasSize(100)
                .extracting(forward -> forward.record().key()).doesNotHaveDuplicates()
                .allMatch(key -> key.startsWith("default/svc-"));
        assertThat(millisPerChange).as("milliseconds per change").isLessThan(50);
    }

    private static String ip(int n) {
        return "10.244." + (n / 250) + "." + (n % 250 + 2);
    }
}
