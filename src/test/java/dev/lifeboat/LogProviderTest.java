package dev.lifeboat;

import ch.qos.logback.classic.LoggerContext;
import dev.lifeboat.core.settings.AppPaths;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.ILoggerFactory;
import org.slf4j.helpers.SubstituteLoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Logging set up without a search of the class path (LogProvider, named by Main), and -v applied to
 * the real logging context even when another thread was setting SLF4J up at that moment.
 */
class LogProviderTest {
    @TempDir
    Path home;

    @Test
    void theProviderSetsLogbackUpAsConfiguredInCode() {
        String before = System.getProperty("lifeboat.home");
        System.setProperty("lifeboat.home", home.toString()); // its log file there, not in the user's folder
        try {
            initializes();
            assertTrue(Files.exists(AppPaths.logFolder().resolve("lifeboat.log")), "its log file is made");
        } finally {
            restore("lifeboat.home", before);
        }
    }

    private static void initializes() {
        LogProvider provider = new LogProvider();
        assertNotNull(provider.getMDCAdapter(), "SLF4J binds the MDC adapter before it initializes the provider");

        provider.initialize();

        LoggerContext context = (LoggerContext) provider.getLoggerFactory();
        assertNotNull(context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).getAppender("STDERR"),
                "warnings on stderr, as LogSetup configures them");
        assertTrue(context.isStarted());
        context.stop();
    }

    @Test
    void theFactoryIsTheRealOneOnceAnotherThreadHasSetItUp() {
        LoggerContext real = new LoggerContext();
        AtomicInteger asked = new AtomicInteger();
        ILoggerFactory f = LogSetup.initialised(() -> asked.incrementAndGet() < 4 ? new SubstituteLoggerFactory() : real);

        assertSame(real, f, "the stand-in SLF4J gives while another thread sets up is not kept");
    }

    @Test
    void mainNamesTheProviderUnlessAnotherIsNamed() {
        String before = System.getProperty("slf4j.provider");
        String verbosity = System.getProperty("slf4j.internal.verbosity");
        try {
            System.setProperty("slf4j.provider", "some.other.Provider");
            Main.namedLogProvider();
            assertTrue(System.getProperty("slf4j.provider").equals("some.other.Provider"));
            System.clearProperty("slf4j.provider");
            Main.namedLogProvider();
            assertTrue(System.getProperty("slf4j.provider").equals(LogProvider.class.getName()));
        } finally {
            restore("slf4j.provider", before);
            restore("slf4j.internal.verbosity", verbosity);
        }
    }

    private static void restore(String property, String value) {
        if (value == null) {
            System.clearProperty(property);
        } else {
            System.setProperty(property, value);
        }
    }
}
