package io.revkv.store.membership;

import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.List;

/**
 * Member and cluster IDs derived the way etcd derives them, so a member keeps its ID across restarts and two
 * clusters built from the same peer URLs differ only by their token: the member ID is the first 8 bytes (big-endian)
 * of SHA-1 over the sorted peer URLs joined, followed by the cluster token; the cluster ID is the same over the
 * sorted member IDs.
 */
public final class MemberIds {

    private MemberIds() {
    }

    public static long memberId(List<URI> peerUrls, String clusterToken) {
        String joined = String.join("", peerUrls.stream().map(URI::toString).sorted().toList());
        return first8Bytes(sha1((joined + clusterToken).getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * The ID of a member added by MemberAdd: as at bootstrap, with an empty cluster name and the time (Unix seconds)
     * in place of the token, so that a member re-added with the same peer URLs gets a new ID.
     */
    public static long addedMemberId(List<String> peerUrls, long unixSeconds) {
        String joined = String.join("", peerUrls.stream().sorted().toList());
        return first8Bytes(sha1((joined + unixSeconds).getBytes(StandardCharsets.UTF_8)));
    }

    public static long clusterId(Collection<Long> memberIds) {
        ByteBuffer buf = ByteBuffer.allocate(8 * memberIds.size());
        memberIds.stream().sorted(Long::compareUnsigned).forEach(buf::putLong);
        return first8Bytes(sha1(buf.array()));
    }

    private static long first8Bytes(byte[] hash) {
        return ByteBuffer.wrap(hash, 0, 8).getLong();
    }

    private static byte[] sha1(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-1").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-1", e);
        }
    }
}
