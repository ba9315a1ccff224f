package io.revkv.store.config;

import picocli.CommandLine.IVersionProvider;

/** The versions revkv reports: its own, and the etcd API version it speaks (what etcd's Status shows). */
public final class RevkvVersion implements IVersionProvider {

    /** The etcd release whose v3 API and behaviour revkv implements; Status reports it as {@code version}. */
    public static final String ETCD_API_VERSION = "3.5.0";

    @Override
    public String[] getVersion() {
        String own = RevkvVersion.class.getPackage().getImplementationVersion();
        return new String[] {"revkv " + (own != null ? own : "development build"), "etcd API: " + ETCD_API_VERSION};
    }
}
