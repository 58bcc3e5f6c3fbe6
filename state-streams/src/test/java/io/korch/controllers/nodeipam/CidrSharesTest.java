package io.korch.controllers.nodeipam;

import static org.assertj.core.api.Assertions.assertThat;

import io.korch.model.Cidr;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CidrSharesTest {

    private final CidrShares shares = new CidrShares(Cidr.parse("10.244.0.0/16"), 24);

    @Test
    void cutsTheClusterCidrIntoNumberedShares() {
        assertThat(shares.count()).isEqualTo(256);
        assertThat(shares.share(7)).hasToString("10.244.7.0/24");
        assertThat(shares.indexOf("10.244.7.0/24")).hasValue(7);
        assertThat(shares.indexOf("10.245.7.0/24")).isEmpty();
        assertThat(shares.indexOf("10.244.7.0/25")).isEmpty();
        assertThat(shares.indexOf("not a cidr")).isEmpty();
    }

    @Test
    void findsTheLowestShareNotTakenOrNoneWhenAllAre() {
        assertThat(shares.lowestFree(List.<Long>of().iterator())).hasValue(0);
        assertThat(shares.lowestFree(List.of(0L, 1L, 3L).iterator())).hasValue(2);
        assertThat(shares.lowestFree(List.of(1L, 2L).iterator())).hasValue(0);
        List<Long> all = new ArrayList<>();
        for (long i = 0; i < 256; i++) {
            all.add(i);
        }
        assertThat(shares.lowestFree(all.iterator())).isEmpty();
    }

    @Test
    void keysSortAsTheirNumbers() {
        assertThat(CidrShares.key(9).compareTo(CidrShares.key(10))).isNegative();
    }
}
