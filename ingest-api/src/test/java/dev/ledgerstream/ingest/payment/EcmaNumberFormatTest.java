package dev.ledgerstream.ingest.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Random;
import java.util.function.DoubleSupplier;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class EcmaNumberFormatTest {

    /**
     * JSON number text and what {@code String(Number(text))} prints in Node.js 20; generated once
     * with node and hardcoded, so the build does not need node. The last block holds values for
     * which Java 17's {@code Double.toString} writes more digits than needed.
     */
    static Stream<Arguments> node_outputs() {
        String[][] table = {
            {"0", "0"}, {"-0", "0"}, {"0.0", "0"}, {"-0.0", "0"},
            {"1", "1"}, {"-1", "-1"}, {"25", "25"}, {"25.0", "25"}, {"100", "100"},
            {"1e2", "100"}, {"1E2", "100"}, {"1e+2", "100"},
            {"0.1", "0.1"}, {"0.2", "0.2"}, {"0.30000000000000004", "0.30000000000000004"},
            {"25.312", "25.312"}, {"24.8306", "24.8306"}, {"9.88", "9.88"},
            {"4.5e-06", "0.0000045"}, {"4.5E-6", "0.0000045"}, {"-0.0000045", "-0.0000045"},
            {"0.000001", "0.000001"}, {"1e-6", "0.000001"}, {"0.0000001", "1e-7"}, {"1e-7", "1e-7"},
            {"1e-5", "0.00001"}, {"5e-6", "0.000005"}, {"5e-7", "5e-7"}, {"1.25e-5", "0.0000125"},
            {"1.5e-7", "1.5e-7"}, {"1.2345e-7", "1.2345e-7"}, {"7.0e-10", "7e-10"},
            {"0.000001234", "0.000001234"}, {"0.00001234", "0.00001234"},
            {"0.000009999999999999999", "0.000009999999999999999"},
            {"123e-20", "1.23e-18"}, {"0.00000000000000000001", "1e-20"}, {"1e-21", "1e-21"},
            {"1e20", "100000000000000000000"}, {"100000000000000000000", "100000000000000000000"},
            {"-5e+20", "-500000000000000000000"}, {"295147905179352830000", "295147905179352830000"},
            {"1e21", "1e+21"}, {"1e+21", "1e+21"}, {"999999999999999999999", "1e+21"},
            {"-5e+21", "-5e+21"}, {"8.41e21", "8.41e+21"}, {"1e22", "1e+22"},
            {"123456789012345678901", "123456789012345680000"},
            {"12345678901234567890", "12345678901234567000"},
            {"18446744073709551615", "18446744073709552000"},
            {"18446744073709551616", "18446744073709552000"},
            {"9007199254740991", "9007199254740991"}, {"9007199254740993", "9007199254740992"},
            {"5524759814", "5524759814"}, {"123456.789", "123456.789"}, {"1234567e-3", "1234.567"},
            {"2e23", "2e+23"}, {"1e23", "1e+23"}, {"9.999999999999999e22", "1e+23"},
            {"6.02214076e23", "6.02214076e+23"}, {"1.602176634e-19", "1.602176634e-19"},
            {"5e-324", "5e-324"}, {"4.9e-324", "5e-324"}, {"-2.5e-320", "-2.5e-320"},
            {"2.2250738585072014e-308", "2.2250738585072014e-308"},
            {"2.225073858507201e-308", "2.225073858507201e-308"},
            {"2.2250738585072009e-308", "2.225073858507201e-308"},
            {"1.7976931348623157e308", "1.7976931348623157e+308"},
            {"1.7976931348623157e+308", "1.7976931348623157e+308"},
            {"1.7976931348623158e308", "1.7976931348623157e+308"},
            {"-1.7976931348623157e308", "-1.7976931348623157e+308"},
            {"8.98846567431158e307", "8.98846567431158e+307"}, {"1e308", "1e+308"}, {"1.5e300", "1.5e+300"},
            {"1e-400", "0"}, {"-1e-400", "0"},
            {"3.14159265358979323846", "3.141592653589793"}, {"1.0000000000000002", "1.0000000000000002"},
            {"0.1e1", "1"}, {"10e-1", "1"}, {"5.0000000000000001", "5"}, {"2.5", "2.5"}, {"0.5", "0.5"},
            {"4.35", "4.35"}, {"0.07", "0.07"}, {"1.005", "1.005"}, {"100.0000000000001", "100.0000000000001"},
            {"5.9588384360807875E18", "5958838436080787000"},
            {"4.2579598400081507E-109", "4.257959840008151e-109"},
            {"3.1185004836479997E290", "3.118500483648e+290"},
            {"6.805647338418769E38", "6.80564733841877e+38"},
            {"2.4363285028499998E288", "2.43632850285e+288"},
        };
        return Stream.of(table).map(row -> Arguments.of(row[0], row[1]));
    }

    @ParameterizedTest(name = "{0} is written {1}")
    @MethodSource("node_outputs")
    void writes_numbers_as_javascript_does(String source, String expected) {
        // given a JSON number's source text
        // when
        String written = EcmaNumberFormat.fromSource(source);
        // then
        assertThat(written).isEqualTo(expected);
    }

    @Test
    void refuses_numbers_that_javascript_would_write_as_null() {
        // given values without a JSON form
        double[] values = {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN};
        // when / then
        for (double value : values) {
            assertThatThrownBy(() -> EcmaNumberFormat.format(value)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    /** ECMAScript's layouts: plain integer, plain decimal, 0.000ddd, or d[.ddd]e±n. */
    private static final Pattern ECMASCRIPT_LAYOUT = Pattern.compile(
            "-?([1-9][0-9]*|[1-9][0-9]*\\.[0-9]*[1-9]|0\\.[0-9]*[1-9]|[1-9](\\.[0-9]*[1-9])?e[+-][1-9][0-9]*)");

    @Test
    void writes_the_shortest_digits_that_read_back_as_the_same_double_for_random_doubles() {
        // given a seeded mix of bit patterns, decimal-looking amounts and powers of two
        Random random = new Random(20250314L);
        DoubleSupplier[] sources = {
            () -> Double.longBitsToDouble(random.nextLong()),
            () -> random.nextDouble() * Math.pow(10, random.nextInt(60) - 30),
            () -> Math.scalb(1.0, random.nextInt(2098) - 1074),
            () -> Math.round(random.nextDouble() * 1e9) / Math.pow(10, random.nextInt(12)),
        };
        for (int i = 0; i < 20_000; i++) {
            double d = sources[i % sources.length].getAsDouble();
            if (Double.isNaN(d) || Double.isInfinite(d) || d == 0) {
                continue;
            }
            // when
            String written = EcmaNumberFormat.format(d);
            // then
            assertThat(written).as("layout of %s", d).matches(ECMASCRIPT_LAYOUT);
            assertThat(Double.parseDouble(written)).as("read back of %s", written).isEqualTo(d);
            assertNoShorterDigitsReadBack(d, significantDigits(written));
        }
    }

    /**
     * Any (k-1)-digit decimal that reads back as d lies between the two (k-1)-digit decimals that
     * bracket d's exact value, so checking those two proves none exists.
     */
    private static void assertNoShorterDigitsReadBack(double d, int k) {
        if (k == 1) {
            return;
        }
        BigDecimal exact = new BigDecimal(d);
        for (RoundingMode mode : new RoundingMode[] {RoundingMode.FLOOR, RoundingMode.CEILING}) {
            BigDecimal shorter = exact.round(new MathContext(k - 1, mode));
            assertThat(Double.parseDouble(shorter.toString()))
                    .as("%s has a %d-digit form %s", d, k - 1, shorter)
                    .isNotEqualTo(d);
        }
    }

    private static int significantDigits(String written) {
        String mantissa = written.replaceFirst("^-", "").replaceFirst("e.*$", "").replace(".", "");
        return mantissa.replaceFirst("^0+", "").replaceFirst("0+$", "").length();
    }
}
