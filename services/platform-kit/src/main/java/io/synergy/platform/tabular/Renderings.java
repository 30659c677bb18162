package io.synergy.platform.tabular;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.zip.GZIPOutputStream;

/**
 * The bytes of a kept {@link Tabular} answer in each format, rendered at the first response that asks for the format and
 * served to every later one. A reader that asks while the first renders waits for its bytes instead of rendering them
 * too. JSON and CSV are kept gzipped as well, once a reader accepts gzip: compressed once, not per response. Identity is
 * the holder's: two answers are never equal through it.
 */
public final class Renderings {

    /** Writes one format of the answer. */
    @FunctionalInterface
    public interface Renderer {
        void render(OutputStream out) throws IOException;
    }

    private byte[] json;
    private byte[] csv;
    private byte[] xlsx;
    private byte[] jsonGzip;
    private byte[] csvGzip;

    Renderings() {}

    synchronized byte[] json(Renderer renderer) throws IOException {
        if (json == null) {
            json = render(renderer);
        }
        return json;
    }

    synchronized byte[] csv(Renderer renderer) throws IOException {
        if (csv == null) {
            csv = render(renderer);
        }
        return csv;
    }

    synchronized byte[] xlsx(Renderer renderer) throws IOException {
        if (xlsx == null) {
            xlsx = render(renderer);
        }
        return xlsx;
    }

    /** The JSON gzipped (RFC 1952). */
    synchronized byte[] jsonGzip(Renderer renderer) throws IOException {
        if (jsonGzip == null) {
            jsonGzip = gzip(json(renderer));
        }
        return jsonGzip;
    }

    /** The CSV gzipped. (A workbook is a zip already.) */
    synchronized byte[] csvGzip(Renderer renderer) throws IOException {
        if (csvGzip == null) {
            csvGzip = gzip(csv(renderer));
        }
        return csvGzip;
    }

    private static byte[] gzip(byte[] bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length / 4 + 64);
        try (GZIPOutputStream gzip = new GZIPOutputStream(out, 8192)) {
            gzip.write(bytes);
        }
        return out.toByteArray();
    }

    private static byte[] render(Renderer renderer) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
        renderer.render(out);
        return out.toByteArray();
    }
}
