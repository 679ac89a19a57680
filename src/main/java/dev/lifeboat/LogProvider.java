package dev.lifeboat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.util.ContextInitializer;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.CoreConstants;
import ch.qos.logback.core.joran.spi.JoranException;
import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Logback set up by {@link LogSetup} without a search of the class path: {@link Main} names this
 * class to SLF4J ({@code slf4j.provider}), so neither SLF4J's service loader nor Logback's looks
 * through the application's 68 jars for providers and configurators. That search opened every jar
 * and took 40-55 ms of a command's start, on the thread that reads a restore's backup first.
 * {@code -Dlogback.configurationFile} still takes precedence, as with Logback's own provider.
 */
public final class LogProvider implements SLF4JServiceProvider {
    /** The SLF4J API this was built against, as Logback's provider says it. */
    private static final String API_VERSION = "2.0.99";

    private static final CountDownLatch BEGUN = new CountDownLatch(1);

    /** Made before {@link #initialize}: SLF4J binds the MDC adapter first. */
    private final LogbackMDCAdapter mdc = new LogbackMDCAdapter();
    private final IMarkerFactory markers = new BasicMarkerFactory();
    private LoggerContext context;

    @Override
    public void initialize() {
        BEGUN.countDown();
        LoggerContext c = new LoggerContext();
        c.setName(CoreConstants.DEFAULT_CONTEXT_NAME);
        c.setMDCAdapter(mdc);
        if (System.getProperty("logback.configurationFile") != null) {
            try {
                new ContextInitializer(c).autoConfig();
            } catch (JoranException e) {
                System.err.println("lifeboat: the logging configuration " + System.getProperty("logback.configurationFile")
                        + " could not be read (" + e.getMessage() + "); logging as configured by default.");
                LogSetup.inCode(c);
            }
        } else {
            LogSetup.inCode(c);
        }
        c.start();
        context = c;
    }

    /**
     * Waits (a few milliseconds, at most 0.1 s) until another thread has begun setting logging up
     * through this provider, so that the threads started next are given SLF4J's stand-in loggers and
     * go on meanwhile; at once when SLF4J was told of another provider.
     */
    static void awaitBegun() {
        if (!LogProvider.class.getName().equals(System.getProperty("slf4j.provider"))) {
            return;
        }
        try {
            BEGUN.await(100, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public ILoggerFactory getLoggerFactory() {
        return context;
    }

    @Override
    public IMarkerFactory getMarkerFactory() {
        return markers;
    }

    @Override
    public MDCAdapter getMDCAdapter() {
        return mdc;
    }

    @Override
    public String getRequestedApiVersion() {
        return API_VERSION;
    }
}
