package io.revkv.operator.resources;

import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The image repository a member runs when its KVCluster names no image: {@code <repository>:<spec.version>}. The
 * install sets it (the chart's {@code storeImage.repository}, as {@code REVKV_STORE_IMAGE_REPOSITORY}) so a cluster
 * pulling from a mirror needs no {@code spec.image} in every KVCluster. Changing it rolls the members, as a changed
 * image does.
 */
public final class StoreImage {

    public static final String DEFAULT_REPOSITORY = "ghcr.io/revkv/revkv";
    /** Also read as the environment variable REVKV_STORE_IMAGE_REPOSITORY (MicroProfile Config's mapping). */
    public static final String REPOSITORY_PROPERTY = "revkv.store.image-repository";

    private StoreImage() {
    }

    public static String repository() {
        return ConfigProvider.getConfig().getOptionalValue(REPOSITORY_PROPERTY, String.class)
                .filter(r -> !r.isBlank()).orElse(DEFAULT_REPOSITORY);
    }
}
