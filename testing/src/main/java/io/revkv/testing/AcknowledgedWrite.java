package io.revkv.testing;

/**
 * A write a server acknowledged: {@code key} holds {@code value} at {@code revision} (the revision in the answer's
 * header, which is the write's mod_revision). It must be in every member's history for good.
 */
public record AcknowledgedWrite(String key, String value, long revision) {
}
