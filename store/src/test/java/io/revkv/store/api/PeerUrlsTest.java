package io.revkv.store.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class PeerUrlsTest {

    @ParameterizedTest
    @ValueSource(strings = {"foo", "http://127.0.0.1", "ftp://127.0.0.1:99", "http://127.0.0.1:99/path",
            "http://a:1:2", "http://[::1]", "http://exa mple:1"})
    void urlsEtcdRejectsAreInvalid(String url) {
        assertThat(PeerUrls.parse(List.of("http://127.0.0.1:2380", url))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1:2380", "https://node-1.example:2380", "http://[::1]:2380",
            "unix://peer.sock", " http://10.0.0.1:2380 "})
    void urlsEtcdAcceptsAreValid(String url) {
        assertThat(PeerUrls.parse(List.of(url))).contains(List.of(url.trim()));
    }

    @Test
    void noUrlAtAllIsInvalidAndValidOnesComeBackSorted() {
        assertThat(PeerUrls.parse(List.of())).isEmpty();
        assertThat(PeerUrls.parse(List.of("http://b:1", "http://a:1"))).contains(List.of("http://a:1", "http://b:1"));
    }
}
