package io.revkv.operator.status;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ByteQuantityTest {

    @ParameterizedTest(name = "{0} bytes read {1}")
    @CsvSource({"0, 0", "1023, 1023", "1024, 1Ki", "1536, 1.5Ki", "25165824, 24Mi", "25270682, 24.1Mi",
            "2147483648, 2Gi", "1099511627776, 1Ti"})
    void formatsBytesAsABinaryQuantity(long bytes, String expected) {
        assertThat(ByteQuantity.format(bytes)).isEqualTo(expected);
    }
}
