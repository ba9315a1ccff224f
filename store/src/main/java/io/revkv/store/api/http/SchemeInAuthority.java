package io.revkv.store.api.http;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http2.Http2ConnectionHandler;
import io.netty.handler.codec.http2.Http2Exception;
import io.netty.handler.codec.http2.Http2FrameListener;
import io.netty.handler.codec.http2.Http2FrameListenerDecorator;
import io.netty.handler.codec.http2.Http2Headers;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.net.impl.ConnectionBase;

/**
 * Accepts an HTTP/2 {@code :authority} that names a URL, as etcd's server does. etcd 3.4's clients (etcdctl, clientv3)
 * dial an endpoint written {@code http://host:port} with exactly that as the authority; grpc-go's server takes it,
 * but Vert.x answers a request whose authority is not {@code host[:port]} with RST_STREAM PROTOCOL_ERROR, so every
 * request of such a client failed. The scheme is dropped before Vert.x reads the headers.
 */
final class SchemeInAuthority extends Http2FrameListenerDecorator {

    private SchemeInAuthority(Http2FrameListener listener) {
        super(listener);
    }

    /**
     * Puts itself in front of an HTTP/2 connection's frame listener. Vert.x calls its server's connection handler as
     * the client's first SETTINGS frame is read, having just installed the listener, before any request's headers.
     */
    static void install(HttpConnection connection) {
        Http2ConnectionHandler http2 = connection instanceof ConnectionBase base
                ? base.channelHandlerContext().pipeline().get(Http2ConnectionHandler.class) : null;
        if (http2 != null) {
            Http2FrameListener listener = http2.decoder().frameListener();
            if (!(listener instanceof SchemeInAuthority)) {
                http2.decoder().frameListener(new SchemeInAuthority(listener));
            }
        }
    }

    /** {@code host:port} for {@code scheme://host:port}; anything else as it is. */
    static CharSequence withoutScheme(CharSequence authority) {
        String text = authority.toString();
        int separator = text.indexOf("://");
        return separator < 0 ? authority : text.substring(separator + 3);
    }

    @Override
    public void onHeadersRead(ChannelHandlerContext ctx, int streamId, Http2Headers headers, int padding,
            boolean endOfStream) throws Http2Exception {
        super.onHeadersRead(ctx, streamId, normalized(headers), padding, endOfStream);
    }

    @Override
    public void onHeadersRead(ChannelHandlerContext ctx, int streamId, Http2Headers headers, int streamDependency,
            short weight, boolean exclusive, int padding, boolean endOfStream) throws Http2Exception {
        super.onHeadersRead(ctx, streamId, normalized(headers), streamDependency, weight, exclusive, padding,
                endOfStream);
    }

    private static Http2Headers normalized(Http2Headers headers) {
        CharSequence authority = headers.authority();
        if (authority != null) {
            headers.authority(withoutScheme(authority));
        }
        return headers;
    }
}
