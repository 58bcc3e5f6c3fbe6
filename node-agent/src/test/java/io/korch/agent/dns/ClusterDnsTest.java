package io.korch.agent.dns;

import static io.korch.agent.services.ServiceFixtures.service;
import static io.korch.agent.services.ServiceFixtures.slice;
import static org.assertj.core.api.Assertions.assertThat;

import io.korch.agent.services.ServiceCatalog;
import io.korch.agent.services.ServiceFixtures;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.SRVRecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

class ClusterDnsTest {

    private final ServiceCatalog catalog = ServiceFixtures.catalog(
            List.of(service("shop", "web").clusterIP("10.96.0.20").port("http", 80).build(),
                    service("shop", "db").headless().port("sql", 5432).build()),
            List.of(slice("shop", "web", "web-a").port("http", 8080).ready("10.244.1.2").build(),
                    slice("shop", "db", "db-a").port("sql", 5432).endpoint("10.244.1.7", true, "db-0")
                            .endpoint("10.244.1.8", true, null).notReady("10.244.1.9").build()));
    private final ClusterDns dns = new ClusterDns(catalog, "cluster.local");

    @Test
    void aServiceNameResolvesToItsClusterIPWithATtlOfFiveSeconds() {
        Message answer = ask("web.shop.svc.cluster.local.", Type.A);

        assertThat(answer.getRcode()).isEqualTo(Rcode.NOERROR);
        assertThat(answer.getHeader().getFlag(Flags.AA)).isTrue();
        assertThat(addresses(answer)).containsExactly("10.96.0.20");
        assertThat(answer.getSection(Section.ANSWER)).allMatch(record -> record.getTTL() == 5);
    }

    @Test
    void namesAreCaseInsensitiveAndAnsweredAsAsked() {
        Message answer = ask("Web.SHOP.svc.Cluster.Local.", Type.A);

        assertThat(addresses(answer)).containsExactly("10.96.0.20");
        assertThat(answer.getSection(Section.ANSWER).get(0).getName().toString()).isEqualTo("Web.SHOP.svc.Cluster.Local.");
    }

    @Test
    void aHeadlessServiceResolvesToItsReadyEndpointsAndAPodByItsHostname() {
        assertThat(addresses(ask("db.shop.svc.cluster.local.", Type.A)))
                .containsExactlyInAnyOrder("10.244.1.7", "10.244.1.8");
        assertThat(addresses(ask("db-0.db.shop.svc.cluster.local.", Type.A))).containsExactly("10.244.1.7");
        assertThat(addresses(ask("10-244-1-8.db.shop.svc.cluster.local.", Type.A))).containsExactly("10.244.1.8");
        assertThat(ask("10-244-1-9.db.shop.svc.cluster.local.", Type.A).getRcode()).isEqualTo(Rcode.NXDOMAIN);
    }

    @Test
    void srvRecordsNameThePortAndItsTarget() {
        Message web = ask("_http._tcp.web.shop.svc.cluster.local.", Type.SRV);
        SRVRecord srv = (SRVRecord) web.getSection(Section.ANSWER).get(0);
        assertThat(srv.getPort()).isEqualTo(80);
        assertThat(srv.getTarget().toString()).isEqualTo("web.shop.svc.cluster.local.");
        assertThat(web.getSection(Section.ADDITIONAL)).filteredOn(r -> r instanceof ARecord).hasSize(1);

        Message db = ask("_sql._tcp.db.shop.svc.cluster.local.", Type.SRV);
        assertThat(db.getSection(Section.ANSWER)).extracting(r -> ((SRVRecord) r).getTarget().toString())
                .containsExactlyInAnyOrder("db-0.db.shop.svc.cluster.local.", "10-244-1-8.db.shop.svc.cluster.local.");
        assertThat(ask("_sql._udp.db.shop.svc.cluster.local.", Type.SRV).getRcode()).isEqualTo(Rcode.NXDOMAIN);
    }

    @Test
    void aMissingNameUnderTheClusterDomainIsNxdomainWithTheZonesSoa() {
        for (String name : List.of("nope.shop.svc.cluster.local.", "web.nope.svc.cluster.local.", "nope.cluster.local.",
                "db-9.db.shop.svc.cluster.local.", "a.b.web.shop.svc.cluster.local.")) {
            Message answer = ask(name, Type.A);
            assertThat(answer.getRcode()).as(name).isEqualTo(Rcode.NXDOMAIN);
            assertThat(answer.getSection(Section.AUTHORITY)).as(name).singleElement().isInstanceOf(SOARecord.class);
        }
    }

    @Test
    void anExistingNameWithoutRecordsOfTheTypeHasNoAnswerButTheSoa() {
        for (String name : List.of("web.shop.svc.cluster.local.", "shop.svc.cluster.local.", "svc.cluster.local.")) {
            Message answer = ask(name, Type.AAAA);
            assertThat(answer.getRcode()).as(name).isEqualTo(Rcode.NOERROR);
            assertThat(answer.getSection(Section.ANSWER)).as(name).isEmpty();
            assertThat(answer.getSection(Section.AUTHORITY)).as(name).singleElement().isInstanceOf(SOARecord.class);
        }
    }

    @Test
    void aNameOutsideTheClusterDomainIsRefusedAndNotForwarded() {
        Message answer = ask("example.com.", Type.A);

        assertThat(answer.getRcode()).isEqualTo(Rcode.REFUSED);
        assertThat(answer.getSection(Section.ANSWER)).isEmpty();
        assertThat(answer.getHeader().getFlag(Flags.RA)).isFalse();
    }

    @Test
    void aPodsDashedAddressResolves() {
        assertThat(addresses(ask("10-244-1-2.shop.pod.cluster.local.", Type.A))).containsExactly("10.244.1.2");
    }

    @Test
    void answersFollowTheCatalogAtOnce() {
        catalog.apply(java.util.Map.of(), java.util.Map.of("shop/db-a",
                slice("shop", "db", "db-a").port("sql", 5432).ready("10.244.1.9").build()));

        assertThat(addresses(ask("db.shop.svc.cluster.local.", Type.A))).containsExactly("10.244.1.9");
    }

    @Test
    void garbageIsAFormatError() throws Exception {
        Message answer = new Message(dns.answer(new byte[] {0x12, 0x34, 0x01}, true));

        assertThat(answer.getHeader().getID()).isEqualTo(0x1234);
        assertThat(answer.getRcode()).isEqualTo(Rcode.FORMERR);
    }

    @Test
    void aUdpAnswerTooLongIsTruncated() throws Exception {
        java.util.List<String> many = new java.util.ArrayList<>();
        var builder = slice("shop", "big", "big-a").port("http", 80);
        for (int i = 1; i <= 100; i++) {
            builder.ready("10.244.3." + i);
        }
        catalog.apply(java.util.Map.of("shop/big", service("shop", "big").headless().port("http", 80).build()),
                java.util.Map.of("shop/big-a", builder.build()));
        Message query = Message.newQuery(Record.newRecord(Name.fromString("big.shop.svc.cluster.local."), Type.A,
                DClass.IN));

        Message udp = new Message(dns.answer(query.toWire(), true));
        Message tcp = new Message(dns.answer(query.toWire(), false));

        assertThat(udp.getHeader().getFlag(Flags.TC)).isTrue();
        assertThat(tcp.getSection(Section.ANSWER)).hasSize(100);
    }

    private Message ask(String name, int type) {
        try {
            Message query = Message.newQuery(Record.newRecord(Name.fromString(name), type, DClass.IN));
            return new Message(dns.answer(query.toWire(), false));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> addresses(Message answer) {
        return answer.getSection(Section.ANSWER).stream().filter(r -> r instanceof ARecord)
                .map(r -> ((ARecord) r).getAddress().getHostAddress()).toList();
    }
}
