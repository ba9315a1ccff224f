/**
 * {@code revkv train}: a throwaway member driven by a representative etcd load, so that a JVM recording an
 * ahead-of-time cache ({@code -XX:AOTCacheOutput}, JDK 25) sees the classes and hot methods a serving member uses.
 * The image build runs it once; members then start with the cache and skip most of the JVM's warm-up.
 */
package io.revkv.store.training;
