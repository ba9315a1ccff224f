package io.revkv.store.corrupt;

/**
 * One observation of a check, for the log: etcd's message for it and the fields etcd logs with it.
 *
 * @param warning whether etcd logs it as a warning (else as info)
 * @param message etcd's log message, word for word
 * @param fields  etcd's zap fields, as {@code key=value} pairs
 */
public record Finding(boolean warning, String message, String fields) {

    static Finding warn(String message, String fields) {
        return new Finding(true, message, fields);
    }

    @Override
    public String toString() {
        return message + " {" + fields + "}";
    }
}
