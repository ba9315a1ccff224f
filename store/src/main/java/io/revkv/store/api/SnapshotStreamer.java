package io.revkv.store.api;

import com.google.protobuf.ByteString;
import io.grpc.stub.ServerCallStreamObserver;
import io.revkv.proto.etcdserverpb.ResponseHeader;
import io.revkv.proto.etcdserverpb.SnapshotResponse;
import io.revkv.store.snapshot.SnapshotFile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Sends a snapshot's content the way etcd's Maintenance.Snapshot does (contract §10): 32 KiB blobs whose
 * {@code remaining_bytes} counts down to 0, then one more message, also with remaining_bytes 0, whose blob is the
 * 32-byte SHA-256 of all blobs before it. The first message carries the header.
 *
 * <p>Runs on a worker thread and waits while the client's transport is not ready, so a large backend is never
 * buffered in memory.
 */
final class SnapshotStreamer {

    static final int BLOB_BYTES = 32 * 1024;

    private final ServerCallStreamObserver<SnapshotResponse> observer;
    private final Semaphore ready = new Semaphore(0);

    SnapshotStreamer(ServerCallStreamObserver<SnapshotResponse> observer) {
        this.observer = observer;
        observer.setOnReadyHandler(ready::release);
    }

    /** Streams {@code content} and its digest; returns false if the client went away first. */
    boolean send(Path content, ResponseHeader header) throws IOException, InterruptedException {
        MessageDigest sha = SnapshotFile.digest();
        long remaining = Files.size(content);
        try (InputStream in = Files.newInputStream(content)) {
            SnapshotResponse.Builder first = SnapshotResponse.newBuilder().setHeader(header);
            while (remaining > 0) {
                byte[] blob = in.readNBytes((int) Math.min(BLOB_BYTES, remaining));
                remaining -= blob.length;
                sha.update(blob);
                SnapshotResponse.Builder message = first != null ? first : SnapshotResponse.newBuilder();
                first = null;
                if (!next(message.setRemainingBytes(remaining).setBlob(ByteString.copyFrom(blob)).build())) {
                    return false;
                }
            }
        }
        return next(SnapshotResponse.newBuilder().setRemainingBytes(0).setBlob(ByteString.copyFrom(sha.digest()))
                .build());
    }

    private boolean next(SnapshotResponse message) throws InterruptedException {
        while (!observer.isReady()) {
            if (observer.isCancelled()) {
                return false;
            }
            ready.tryAcquire(100, TimeUnit.MILLISECONDS);
        }
        observer.onNext(message);
        return true;
    }
}
