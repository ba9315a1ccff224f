package io.revkv.store.api;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Optional;

/**
 * Peer URLs as a member request gives them, checked the way etcd's {@code types.NewURLs} checks them: at least
 * one; each http or https with a {@code host:port} address and no path, or unix/unixs. A list that fails any rule
 * is "etcdserver: given member URLs are invalid".
 */
final class PeerUrls {

    private PeerUrls() {
    }

    /** The URLs trimmed and sorted (etcd keeps them sorted), or empty when any of them is invalid. */
    static Optional<List<String>> parse(List<String> urls) {
        if (urls.isEmpty()) {
            return Optional.empty();
        }
        List<String> trimmed = urls.stream().map(String::trim).sorted().toList();
        return trimmed.stream().allMatch(PeerUrls::isValid) ? Optional.of(trimmed) : Optional.empty();
    }

    private static boolean isValid(String text) {
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            return false;
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme();
        return switch (scheme) {
            case "http", "https" -> hasHostAndPort(uri.getRawAuthority())
                    && (uri.getRawPath() == null || uri.getRawPath().isEmpty());
            case "unix", "unixs" -> true;
            default -> false;
        };
    }

    /** Go's {@code net.SplitHostPort} succeeds: one colon, or a bracketed IPv6 host followed by a colon. */
    private static boolean hasHostAndPort(String authority) {
        if (authority == null) {
            return false;
        }
        if (authority.startsWith("[")) {
            return authority.contains("]:");
        }
        return authority.indexOf(':') >= 0 && authority.indexOf(':') == authority.lastIndexOf(':');
    }
}
