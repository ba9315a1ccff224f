package io.revkv.store.mvcc;

/**
 * What the MVCC layer needs to know about a range read. Sorting and the mod/create revision filters are the
 * applier's business (etcd's {@code apply.go}), applied on top of what the store returns.
 *
 * @param limit     maximum number of key-values returned; {@code <= 0} means no limit. {@code count} is not affected.
 * @param revision  the revision to read at; {@code <= 0} means the current revision of the view.
 * @param countOnly when true, no key-values are materialised, only {@code count}.
 */
public record RangeOptions(long limit, long revision, boolean countOnly) {
    public static final RangeOptions CURRENT = new RangeOptions(0, 0, false);
}
