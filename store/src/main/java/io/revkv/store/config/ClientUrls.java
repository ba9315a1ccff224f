package io.revkv.store.config;

import java.net.URI;
import java.util.List;

/**
 * Where the etcd API listens, from {@code --listen-client-urls}. Quarkus serves gRPC on one HTTP port, so every URL
 * must name the same port and scheme; several hosts on that port mean "all interfaces".
 */
record ClientUrls(String scheme, String host, int port) {

    static ClientUrls parse(List<String> urls) {
        List<URI> uris = urls.stream().map(ClientUrls::uri).toList();
        URI first = uris.get(0);
        for (URI u : uris) {
            if (u.getPort() != first.getPort() || !u.getScheme().equals(first.getScheme())) {
                throw new IllegalArgumentException("--listen-client-urls: revkv serves one port and scheme, got " + urls
                        + "; list URLs that differ only in their host");
            }
        }
        String host = uris.stream().map(URI::getHost).distinct().count() == 1 ? first.getHost() : "0.0.0.0";
        return new ClientUrls(first.getScheme(), host, first.getPort());
    }

    static URI uri(String text) {
        URI u = URI.create(text.trim());
        if (u.getScheme() == null || u.getHost() == null || u.getPort() < 0) {
            throw new IllegalArgumentException("URL " + text + " must look like http://host:port");
        }
        if (!u.getScheme().equals("http") && !u.getScheme().equals("https")) {
            throw new IllegalArgumentException("URL " + text + " must use http or https");
        }
        return u;
    }
}
