package io.synergy.platform.tabular;

import io.netty.buffer.Unpooled;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.Provider;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import org.jboss.resteasy.reactive.server.spi.ResteasyReactiveResourceInfo;
import org.jboss.resteasy.reactive.server.spi.ServerMessageBodyWriter;
import org.jboss.resteasy.reactive.server.spi.ServerRequestContext;
import org.jboss.resteasy.reactive.server.vertx.VertxResteasyReactiveRequestContext;

/**
 * Writes {@link KeptBytes} a slice at a time, as fast as the connection takes them: a response costs at most a slice and
 * the connection's write queue in flight, whatever the size of the answer.
 *
 * <p>Why not the whole array at once: Netty writes only direct memory to a socket, so a heap buffer given to the
 * connection is first copied whole into a direct buffer of its size, held until the client has read the last byte. For
 * the ranking of 5,000 enterprises (4.5 MB of JSON) that is 4.5 MB of direct memory per response in flight, beyond the
 * pool's chunks (allocated on its own, against {@code -XX:MaxDirectMemorySize}, 24 MB in the services): five responses in
 * flight fill it, and the sixth leaves the event loop in the JDK's reservation ({@code java.nio.Bits.reserveMemory}),
 * which calls {@code System.gc()} — a full collection — and sleeps until the others are written. Under 32 readers that
 * was 3–5 answers a second and 30 full collections in 10 s (issue 19, deploy/bench/analysis.md). A slice of
 * {@link #SLICE} bytes is copied into a pooled direct buffer of the event loop, given back to it after the write.
 *
 * <p>Each slice is a read-only wrapper of a range of the kept array: nothing of the answer is copied on the heap. The
 * slices are written on the connection's event loop, where the write queue's state is current; the next ones when the
 * queue drains ({@code drainHandler}). A client that stops reading holds one write queue, a client that goes away
 * nothing more.
 */
@Provider
@Produces(MediaType.WILDCARD)
public class KeptBytesWriter implements ServerMessageBodyWriter<KeptBytes> {

    /**
     * Bytes per write: as large as the event loop's pooled direct buffers kept for reuse (32 KB), so that an answer of
     * 31 KB goes out in one write as before, and a large one in as few as the write queue (64 KB) allows.
     */
    static final int SLICE = 32 * 1024;

    @Override
    public boolean isWriteable(
            Class<?> type, Type genericType, ResteasyReactiveResourceInfo target, MediaType mediaType) {
        return KeptBytes.class.isAssignableFrom(type);
    }

    @Override
    public boolean isWriteable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return KeptBytes.class.isAssignableFrom(type);
    }

    @Override
    public void writeResponse(KeptBytes body, Type genericType, ServerRequestContext context) {
        if (!(context.serverResponse() instanceof VertxResteasyReactiveRequestContext vertx)) {
            context.serverResponse().end(body.bytes());
            return;
        }
        HttpServerResponse response = vertx.vertxServerResponse();
        // written in pieces: the length goes first (the rest of the headers when the first piece is written)
        response.putHeader(HttpHeaders.CONTENT_LENGTH, Integer.toString(body.bytes().length));
        vertx.getContextExecutor().execute(new Slices(response, body.bytes())::next);
    }

    /** Through a writer interceptor or an output stream already opened: the stream takes the bytes as it takes any. */
    @Override
    public void writeTo(
            KeptBytes body,
            Class<?> type,
            Type genericType,
            Annotation[] annotations,
            MediaType mediaType,
            MultivaluedMap<String, Object> headers,
            OutputStream out)
            throws IOException {
        out.write(body.bytes());
    }

    /** One response's way through the kept bytes. Runs on the connection's event loop only. */
    private static final class Slices {

        private final HttpServerResponse response;
        private final byte[] bytes;
        private int written;

        Slices(HttpServerResponse response, byte[] bytes) {
            this.response = response;
            this.bytes = bytes;
        }

        void next() {
            while (!response.closed() && !response.ended()) {
                int n = Math.min(SLICE, bytes.length - written);
                Buffer slice =
                        Buffer.buffer(Unpooled.wrappedBuffer(bytes, written, n).asReadOnly());
                written += n;
                if (written == bytes.length) {
                    response.end(slice);
                    return;
                }
                response.write(slice);
                if (response.writeQueueFull()) {
                    response.drainHandler(drained -> next());
                    return;
                }
            }
        }
    }
}
