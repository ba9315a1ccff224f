package io.revkv.operator.resources;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.revkv.operator.v1alpha1.KVCluster;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The hash of what every member's Pod is built from: image and version, resources, etcd's flags (compaction,
 * quota, snapshot count, TLS), pod settings. A member whose Pod carries another hash is outdated and is rolled.
 *
 * <p>The hash is taken of the Pod {@link MemberPod} builds for a placeholder member with a fixed start: a member's
 * identity (its name, its URLs, its claim) never changes, and its start flags (--initial-cluster, new or existing)
 * are read only with an empty data directory and differ between the seed, a joining learner and a Pod created
 * again, so neither may make a Pod look outdated. What is left is the same for every member, so one hash serves
 * the whole cluster. Map entries (of the Pod as plain maps: fabric8's
 * models fix their own field order but not that of a user's labels) are hashed in key order: reordering labels in the spec rolls nothing.
 */
public final class PodHash {

    static final String PLACEHOLDER = "member";
    private static final ObjectMapper CANONICAL = Serialization.jsonMapper().copy()
            .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    private PodHash() {
    }

    /** 16 hex digits of the SHA-256 of the canonical template: short enough for an annotation and an Event. */
    public static String of(KVCluster kvc) {
        Pod template = MemberPod.unhashed(kvc, PLACEHOLDER, MemberStart.join(List.of(PLACEHOLDER)));
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(
                    CANONICAL.writeValueAsString(CANONICAL.convertValue(template, Map.class))
                            .getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot hash the member Pod template", e);
        }
    }
}
