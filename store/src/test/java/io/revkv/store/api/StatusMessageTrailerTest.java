package io.revkv.store.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The escaping of grpc-go's {@code encodeGrpcMessage} (internal/transport/http_util.go), case by case. */
class StatusMessageTrailerTest {

    @Test
    void printableAsciiGoesOutAsItIsColonsAndSpacesIncluded() {
        assertThat(StatusMessageTrailer.escape("etcdserver: requested lease not found"))
                .isEqualTo("etcdserver: requested lease not found");
        assertThat(StatusMessageTrailer.escape(" !\"#$&'()*+,-./09:;<=>?@AZ[\\]^_`az{|}~"))
                .isEqualTo(" !\"#$&'()*+,-./09:;<=>?@AZ[\\]^_`az{|}~");
    }

    @Test
    void percentIsEscapedSoThatTheReaderCanTellItFromAnEscape() {
        assertThat(StatusMessageTrailer.escape("100% full")).isEqualTo("100%25 full");
    }

    @Test
    void controlCharactersAndDeleteAreEscapedInUpperCaseHex() {
        assertThat(StatusMessageTrailer.escape("a\nb\tc\u007f")).isEqualTo("a%0Ab%09c%7F");
    }

    @Test
    void nonAsciiIsEscapedByteByByteOfItsUtf8() {
        assertThat(StatusMessageTrailer.escape("é€")).isEqualTo("%C3%A9%E2%82%AC");
    }
}
