package io.revkv.store.config;

import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code --initial-cluster}: {@code name1=http://host1:2380,name2=http://host2:2380}; a member may list several peer
 * URLs by repeating its name, as in etcd.
 */
public record InitialCluster(Map<String, List<URI>> peers) {

    public static InitialCluster parse(String text) {
        Map<String, List<URI>> peers = new LinkedHashMap<>();
        for (String part : text.split(",")) {
            int eq = part.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("--initial-cluster: expected name=url, got '" + part + "'");
            }
            String name = part.substring(0, eq).trim();
            peers.computeIfAbsent(name, n -> new ArrayList<>()).add(ClientUrls.uri(part.substring(eq + 1)));
        }
        return new InitialCluster(Collections.unmodifiableMap(peers));
    }

    public List<URI> peerUrls(String name) {
        List<URI> urls = peers.get(name);
        if (urls == null) {
            throw new IllegalArgumentException("--initial-cluster has no member named '" + name
                    + "' (set --name to one of " + peers.keySet() + ")");
        }
        return urls;
    }
}
