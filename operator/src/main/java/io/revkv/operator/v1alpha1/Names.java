package io.revkv.operator.v1alpha1;

/** Schema patterns for Kubernetes object names. */
final class Names {

    /** RFC 1123 subdomain, what a Secret or StorageClass name must be. */
    static final String DNS_SUBDOMAIN = "^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$";

    private Names() {
    }
}
