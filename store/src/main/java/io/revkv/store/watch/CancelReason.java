package io.revkv.store.watch;

/** Why a create request was refused: etcd's {@code mvcc} error texts, sent as the response's cancel_reason (§11). */
enum CancelReason {
    EMPTY_RANGE("mvcc: watcher range is empty"),
    /** For a negative start revision: the 3.6 behaviour (3.4 creates the watch and cancels it as compacted). */
    COMPACTED("mvcc: required revision has been compacted"),
    DUPLICATE_ID("mvcc: duplicate watch ID provided on the WatchStream");

    private final String message;

    CancelReason(String message) {
        this.message = message;
    }

    String message() {
        return message;
    }
}
