package io.korch.printing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class QuantitiesTest {

    @Test
    void showsInexactMemoryToOneDecimal() {
        assertThat(Quantities.memory("25165824Ki")).isEqualTo("24Gi");
        assertThat(Quantities.bytes(25_000_000_000L)).isEqualTo("23.3Gi");
        assertThat(Quantities.memory("24683656Ki")).isEqualTo("23.5Gi");
        assertThat(Quantities.bytes(512)).isEqualTo("512");
        assertThat(Quantities.cpu("2000m")).isEqualTo("2");
    }

    @Test
    void showsAnUnparsableQuantityAsWritten() {
        assertThat(Quantities.cpu("lots")).isEqualTo("lots");
        assertThat(Quantities.memory(null)).isNull();
    }
}
