package dev.lifeboat.ui.log;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Carries log lines from any thread to the log pane without ever blocking the logging thread:
 * producers add to a lock-free queue, the FX side drains it in batches once per frame. When the
 * pane falls behind, the oldest pending lines are dropped and counted.
 */
public final class LogBus {
    /** One log line as the pane shows it; {@code operation} is the MDC id of the task that wrote it. */
    public record Line(long seq, long timeMillis, String level, String logger, String operation, String message) {
    }

    static final int MAX_PENDING = 100_000;
    private static final ConcurrentLinkedQueue<Line> QUEUE = new ConcurrentLinkedQueue<>();
    private static final AtomicInteger PENDING = new AtomicInteger();
    private static final AtomicLong SEQ = new AtomicLong();
    private static final AtomicLong DROPPED = new AtomicLong();

    private LogBus() {
    }

    public static void publish(String level, String logger, String operation, String message, long timeMillis) {
        QUEUE.add(new Line(SEQ.incrementAndGet(), timeMillis, level, logger, operation, message));
        if (PENDING.incrementAndGet() > MAX_PENDING && QUEUE.poll() != null) {
            PENDING.decrementAndGet();
            DROPPED.incrementAndGet();
        }
    }

    /** Takes up to {@code max} lines, oldest first. */
    public static List<Line> drain(int max) {
        List<Line> out = new ArrayList<>(Math.min(max, Math.max(PENDING.get(), 0)));
        Line l;
        while (out.size() < max && (l = QUEUE.poll()) != null) {
            PENDING.decrementAndGet();
            out.add(l);
        }
        return out;
    }

    public static long dropped() {
        return DROPPED.get();
    }
}
