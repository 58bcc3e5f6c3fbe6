package io.korch.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class QuantityTest {

    @ParameterizedTest
    @CsvSource({
        "250m, 250",
        "1, 1000",
        "1.5, 1500",
        "0.1, 100",
        ".5, 500",
        "2., 2000",
        "0, 0",
        "0m, 0",
        "+1, 1000",
        "100m, 100",
        "1000m, 1000",
        "2k, 2000000",
        "1e3, 1000000",
        "1E-3, 1",
        "500000u, 500",
        "1000000n, 1",
        "1Ki, 1024000",
    })
    void parsesCpuIntoMillicores(String quantity, long millis) {
        assertThat(Quantity.parseMillis(quantity)).isEqualTo(millis);
    }

    @ParameterizedTest
    @CsvSource({"0.0001, 1", "1n, 1", "1.0001, 1001", "250.5m, 251", "1e-30, 1"})
    void roundsFractionsOfAMillicoreUp(String quantity, long millis) {
        assertThat(Quantity.parseMillis(quantity)).isEqualTo(millis);
    }

    @ParameterizedTest
    @CsvSource({
        "0, 0",
        "1, 1",
        "1024, 1024",
        "512Ki, 524288",
        "128Mi, 134217728",
        "1Gi, 1073741824",
        "1Ti, 1099511627776",
        "1Pi, 1125899906842624",
        "1Ei, 1152921504606846976",
        "1k, 1000",
        "1M, 1000000",
        "1G, 1000000000",
        "1T, 1000000000000",
        "1P, 1000000000000000",
        "1E, 1000000000000000000",
        "1e3, 1000",
        "1E6, 1000000",
        "2e+3, 2000",
        "1.5Gi, 1610612736",
        "0.5Ki, 512",
        "1.5k, 1500",
        "1000m, 1",
        "123000000u, 123",
    })
    void parsesMemoryIntoBytes(String quantity, long bytes) {
        assertThat(Quantity.parseBytes(quantity)).isEqualTo(bytes);
    }

    @ParameterizedTest
    @CsvSource({"1500m, 2", "1m, 1", "0.1, 1", "1.1Ki, 1127", "1e-3, 1", "0.3333333333Mi, 349526"})
    void roundsFractionsOfAByteUp(String quantity, long bytes) {
        assertThat(Quantity.parseBytes(quantity)).isEqualTo(bytes);
    }

    @Test
    void acceptsTheLargestLongAndRejectsOneMore() {
        assertThat(Quantity.parseBytes("9223372036854775807")).isEqualTo(Long.MAX_VALUE);
        assertThat(Quantity.parseBytes("7Ei")).isEqualTo(7L << 60);

        assertThatIllegalArgumentException()
                .isThrownBy(() -> Quantity.parseBytes("9223372036854775808"))
                .withMessage("invalid quantity \"9223372036854775808\": too large");
    }

    @ParameterizedTest
    @ValueSource(strings = {"8Ei", "10E", "1e19", "1e2147483647", "99999999999999999999999"})
    void rejectsBytesThatOverflowALong(String quantity) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Quantity.parseBytes(quantity))
                .withMessage("invalid quantity \"" + quantity + "\": too large");
    }

    @Test
    void rejectsMillisThatOverflowALongEvenWhenTheCoresFit() {
        assertThat(Quantity.parseBytes("10P")).isEqualTo(10_000_000_000_000_000L);

        assertThatIllegalArgumentException()
                .isThrownBy(() -> Quantity.parseMillis("10P"))
                .withMessage("invalid quantity \"10P\": too large");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "''|must not be empty",
        "-1|must not be negative",
        "-250m|must not be negative",
        "12abc|unknown suffix \"abc\"",
        "1mi|unknown suffix \"mi\"",
        "1KI|unknown suffix \"KI\"",
        "1K|unknown suffix \"K\"",
        "1e|unknown suffix \"e\"",
        "1e1.5|unknown suffix \"e1.5\"",
        "'1Mi '|unknown suffix \"Mi \"",
        "1 Mi|unknown suffix \" Mi\"",
        "1.2.3|unknown suffix \".3\"",
        "abc|must start with a number",
        "Mi|must start with a number",
        ".|must start with a number",
        "' 1'|must start with a number",
        "+-1|must start with a number",
        "1e99999999999|exponent out of range",
    })
    void rejectsMalformedQuantitiesNamingThem(String quantity, String reason) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Quantity.parseBytes(quantity))
                .withMessage("invalid quantity \"" + quantity + "\": " + reason);
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Quantity.parseMillis(quantity))
                .withMessage("invalid quantity \"" + quantity + "\": " + reason);
    }

    @Test
    void rejectsNull() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Quantity.parseBytes(null))
                .withMessage("invalid quantity null: must not be empty");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Quantity.parseMillis(null))
                .withMessage("invalid quantity null: must not be empty");
    }

    @Test
    void rejectsAnExponentThatOverflowsTheScale() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Quantity.parseMillis("1e2147483647"))
                .withMessage("invalid quantity \"1e2147483647\": exponent out of range");
    }

    @ParameterizedTest
    @CsvSource({"250, 250m", "2000, 2", "0, 0", "1500, 1500m", "1, 1m", "1000, 1", "-250, -250m", "-3000, -3"})
    void formatsMillisAsWholeCoresWhenExact(long millis, String text) {
        assertThat(Quantity.formatMillis(millis)).isEqualTo(text);
    }

    @ParameterizedTest
    @CsvSource({
        "134217728, 128Mi",
        "1073741824, 1Gi",
        "1024, 1Ki",
        "3072, 3Ki",
        "1536, 1536",
        "1610612736, 1536Mi",
        "1099511627776, 1Ti",
        "1125899906842624, 1Pi",
        "1152921504606846976, 1Ei",
        "1000, 1000",
        "1000000000, 1000000000",
        "1, 1",
        "0, 0",
        "-2048, -2Ki",
        "9223372036854775807, 9223372036854775807",
    })
    void formatsBytesWithTheLargestExactBinarySuffix(long bytes, String text) {
        assertThat(Quantity.formatBytes(bytes)).isEqualTo(text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"128Mi", "1Gi", "3Ki", "1000", "7Ei", "0"})
    void formattedBytesParseBackToTheSameValue(String text) {
        long bytes = Quantity.parseBytes(text);

        assertThat(Quantity.formatBytes(bytes)).isEqualTo(text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"250m", "2", "1500m", "0"})
    void formattedMillisParseBackToTheSameValue(String text) {
        long millis = Quantity.parseMillis(text);

        assertThat(Quantity.formatMillis(millis)).isEqualTo(text);
    }

    @ParameterizedTest
    @CsvSource({
        "0, 0",
        "2000000000, 2",
        "1500000000, 1500m",
        "250000000, 250m",
        "12000, 12u",
        "1234567, 1234567n",
        "7, 7n",
    })
    void formatsNanoCoresWithTheLargestExactDecimalSuffix(long nanoCores, String text) {
        assertThat(Quantity.formatNanoCores(nanoCores)).isEqualTo(text);
    }

    @ParameterizedTest
    @CsvSource({"1234567n, 1234567", "250m, 250000000", "2, 2000000000", "12u, 12000", "0.5n, 1"})
    void parsesCpuIntoNanoCores(String text, long nanoCores) {
        assertThat(Quantity.parseNanoCores(text)).isEqualTo(nanoCores);
    }

    @ParameterizedTest
    @CsvSource({"1234567n, 2", "250m, 250", "2, 2000", "12u, 1"})
    void nanoCoresParseBackAsMillisRoundedUp(String text, long millis) {
        assertThat(Quantity.parseMillis(text)).isEqualTo(millis);
    }
}
