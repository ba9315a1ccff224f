package io.revkv.testing;

import com.google.protobuf.ByteString;
import com.google.protobuf.Message;
import com.google.protobuf.TextFormat;

/** Small protobuf helpers for tests: readable text of messages, and byte strings. */
public final class Protos {

    private static final TextFormat.Printer PRINTER = TextFormat.printer();

    private Protos() {
    }

    /** Multi-line text format with non-ASCII bytes escaped, e.g. {@code key: "\200a"}. */
    public static String text(Message message) {
        return message.getClass().getSimpleName() + " {\n" + indent(PRINTER.printToString(message)) + "}";
    }

    /** Single-line text format for logs and failure messages. */
    public static String shortText(Message message) {
        return message.getClass().getSimpleName() + " { " + PRINTER.shortDebugString(message) + " }";
    }

    public static ByteString bytes(int... unsignedBytes) {
        byte[] b = new byte[unsignedBytes.length];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) unsignedBytes[i];
        }
        return ByteString.copyFrom(b);
    }

    public static ByteString utf8(String s) {
        return ByteString.copyFromUtf8(s);
    }

    private static String indent(String text) {
        StringBuilder out = new StringBuilder();
        text.lines().forEach(line -> out.append("  ").append(line).append('\n'));
        return out.toString();
    }
}
