package io.synergy.platform.tabular;

import io.synergy.platform.problem.FieldError;
import io.synergy.platform.problem.ProblemException;
import io.synergy.platform.problem.ProblemMappers;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Enumeration;
import java.util.List;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.compress.utils.SeekableInMemoryByteChannel;

/**
 * An XLSX is a zip of XML parts. Before the workbook reader parses any of it, every part is unpacked once and counted:
 * the actual bytes, not the sizes the zip declares (a zip bomb lies about them, or stores one part under many names),
 * so that a small upload cannot make the reader unpack gigabytes. The same pass refuses a part that declares a DTD
 * ({@code <!DOCTYPE}): Office never writes one, and a DTD is how XML external entities come in.
 */
final class ZipGuard {

    private static final byte[] DOCTYPE = "<!DOCTYPE".getBytes(StandardCharsets.US_ASCII);

    private ZipGuard() {}

    /** Refuses (413) a zip of more than {@code maxParts} parts or that unpacks to more than {@code maxBytes}; (400) one with a DTD. */
    static void check(byte[] zip, long maxBytes, int maxParts) {
        long total = 0;
        int parts = 0;
        byte[] buffer = new byte[64 * 1024];
        try (ZipFile file = ZipFile.builder()
                .setSeekableByteChannel(new SeekableInMemoryByteChannel(zip))
                .get()) {
            for (Enumeration<ZipArchiveEntry> entries = file.getEntries(); entries.hasMoreElements(); ) {
                ZipArchiveEntry entry = entries.nextElement();
                if (++parts > maxParts) {
                    throw TableReader.tooLarge(
                            "The workbook has more than " + maxParts + " parts",
                            "has more than " + maxParts + " parts");
                }
                int matched = 0;
                try (InputStream in = file.getInputStream(entry)) {
                    int n;
                    while ((n = in.read(buffer)) > 0) {
                        total += n;
                        if (total > maxBytes) {
                            throw TableReader.tooLarge(
                                    "The workbook unpacks to more than " + maxBytes + " bytes",
                                    "unpacks to more than " + maxBytes + " bytes");
                        }
                        matched = scan(buffer, n, matched);
                        if (matched == DOCTYPE.length) {
                            throw ProblemException.invalid(
                                    "The workbook declares a DTD",
                                    List.of(
                                            new FieldError(
                                                    "body",
                                                    "part " + entry.getName()
                                                            + " declares a DTD (<!DOCTYPE): a workbook never does, and it is refused")));
                        }
                    }
                }
            }
        } catch (ProblemException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw ProblemException.invalid(
                    "Not a readable XLSX workbook",
                    List.of(new FieldError(
                            "body",
                            "is not a readable XLSX workbook (zip): "
                                    + ProblemMappers.abbreviate(String.valueOf(e.getMessage())))));
        }
    }

    /**
     * How much of {@code <!DOCTYPE} the bytes end with, given how much the previous ones did ({@link #DOCTYPE} has no
     * repeated prefix, so a mismatch restarts at 0, or at 1 on a {@code <}); all of it once found.
     */
    static int scan(byte[] bytes, int length, int matched) {
        int m = matched;
        for (int i = 0; i < length && m < DOCTYPE.length; i++) {
            if (bytes[i] == DOCTYPE[m]) {
                m++;
            } else {
                m = bytes[i] == '<' ? 1 : 0;
            }
        }
        return m;
    }
}
