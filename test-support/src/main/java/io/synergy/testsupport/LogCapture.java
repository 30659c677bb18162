package io.synergy.testsupport;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.jboss.logmanager.ExtLogRecord;

/**
 * The log records of the application under test (the same JVM) whose logger name matches, captured from the root logger until
 * closed: what a test asserts about log lines — how many, and what their MDC says.
 */
public final class LogCapture implements AutoCloseable {

    private final List<ExtLogRecord> records = new CopyOnWriteArrayList<>();
    private final Handler handler;

    private LogCapture(Predicate<String> loggerName) {
        handler = new Handler() {
            @Override
            public void publish(LogRecord r) {
                if (r instanceof ExtLogRecord x && x.getLoggerName() != null && loggerName.test(x.getLoggerName())) {
                    records.add(x);
                }
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        Logger.getLogger("").addHandler(handler);
    }

    /** Starts capturing the records of the loggers whose name matches. */
    public static LogCapture of(Predicate<String> loggerName) {
        return new LogCapture(loggerName);
    }

    public List<ExtLogRecord> records() {
        return records;
    }

    /** Each record as "LEVEL message". */
    public List<String> lines() {
        return records.stream()
                .map(r -> r.getLevel() + " " + r.getFormattedMessage())
                .toList();
    }

    @Override
    public void close() {
        Logger.getLogger("").removeHandler(handler);
    }
}
