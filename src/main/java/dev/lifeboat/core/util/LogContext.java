package dev.lifeboat.core.util;

import org.slf4j.MDC;

import java.util.Map;
import java.util.function.Supplier;

/**
 * Carries the logging context (the operation id a front end put in the MDC) onto a helper thread,
 * so that the log lines of work done beside the main one are shown with their operation.
 */
public final class LogContext {
    private LogContext() {
    }

    /** The supplier, run with the calling thread's MDC wherever it runs. */
    public static <T> Supplier<T> carried(Supplier<T> work) {
        Map<String, String> context = MDC.getCopyOfContextMap();
        return () -> {
            Map<String, String> before = MDC.getCopyOfContextMap();
            if (context != null) {
                MDC.setContextMap(context);
            }
            try {
                return work.get();
            } finally {
                if (before != null) {
                    MDC.setContextMap(before);
                } else {
                    MDC.clear();
                }
            }
        };
    }
}
