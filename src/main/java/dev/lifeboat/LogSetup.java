package dev.lifeboat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.filter.ThresholdFilter;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.rolling.FixedWindowRollingPolicy;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.SizeBasedTriggeringPolicy;
import ch.qos.logback.core.spi.ContextAwareBase;
import ch.qos.logback.core.status.NopStatusListener;
import ch.qos.logback.core.util.FileSize;
import dev.lifeboat.core.settings.AppPaths;
import dev.lifeboat.core.util.SafeFiles;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;
import org.slf4j.helpers.SubstituteLoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Logging for the app and the CLI, set up in code (through {@link LogProvider}, which {@link Main}
 * names to SLF4J; elsewhere, as in tests, found by Logback through the service loader):
 * warnings on stderr (the CLI lowers the threshold with -v) and everything from INFO up in
 * {@code lifeboat.log} in the log folder, rolled at 10 MB with three old files kept. Reading an XML
 * configuration cost a tenth of a second at every start of a command. A {@code logback-test.xml}
 * or {@code -Dlogback.configurationFile} still takes precedence.
 */
public final class LogSetup extends ContextAwareBase implements Configurator {
    private static final String CONSOLE = "STDERR";
    private static final String LOG_FILE = "lifeboat.log";

    /** The initialised logging context, asked for once (the JVM runs a class's initialisation once). */
    private static final class Ready {
        static final ILoggerFactory FACTORY = initialised(LoggerFactory::getILoggerFactory);
    }

    /**
     * The factory once set up. While one thread sets SLF4J up, the others are given a stand-in
     * ({@link SubstituteLoggerFactory}, whose loggers are connected afterwards): a command whose
     * backup is read on another thread first (restore, verify) had its -v applied to the stand-in,
     * and showed nothing. So this waits for the real one (at most a few seconds).
     */
    static ILoggerFactory initialised(Supplier<ILoggerFactory> factory) {
        ILoggerFactory f = factory.get();
        for (int waited = 0; f instanceof SubstituteLoggerFactory && waited < 5_000; waited++) {
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return f;
            }
            f = factory.get();
        }
        return f;
    }

    /** Sets logging up now; called on a second thread at start so that it is ready when needed. */
    public static void prepare() {
        Objects.requireNonNull(Ready.FACTORY);
    }

    /** Shows console messages from this level up (the CLI's -v shows INFO). */
    public static void consoleThreshold(Level level) {
        if (!(Ready.FACTORY instanceof LoggerContext context)) {
            return;
        }
        Appender<ILoggingEvent> appender = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).getAppender(CONSOLE);
        if (appender != null) {
            appender.clearAllFilters();
            ThresholdFilter f = new ThresholdFilter();
            f.setLevel(level.levelStr);
            f.start();
            appender.addFilter(f);
        }
    }

    /**
     * What the CLI's -v shows: INFO up, and the tools' progress lines, which are logged at DEBUG
     * (logger {@code pg}) so that a backup of thousands of tables does not format and write each.
     */
    public static void verbose() {
        consoleThreshold(Level.DEBUG);
        if (Ready.FACTORY instanceof LoggerContext context) {
            context.getLogger("pg").setLevel(Level.DEBUG);
        }
    }

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (System.getProperty("logback.configurationFile") != null
                || LogSetup.class.getClassLoader().getResource("logback-test.xml") != null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        inCode(context);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    /** The configuration itself, for this configurator and for {@link LogProvider}. */
    static void inCode(LoggerContext context) {
        // Logback prints its own status to stdout when something went wrong while setting up, which
        // would land in the middle of `list --json`; a log folder Lifeboat cannot write is not worth that.
        context.getStatusManager().add(new NopStatusListener());
        ch.qos.logback.classic.Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.INFO);
        root.addAppender(console(context));
        Path folder = AppPaths.logFolder();
        if (writableFolder(folder)) {
            root.addAppender(file(context, folder));
        }
        context.getLogger("org.postgresql").setLevel(Level.WARN);
        context.getLogger("io.zonky").setLevel(Level.WARN);
    }

    /**
     * The log folder, made if need be, when Lifeboat may write its log file there. The log names
     * databases, users, hosts and tool command lines: the folder is 0700 and the file 0600, made so
     * before the first line is written.
     */
    static boolean writableFolder(Path folder) {
        try {
            Files.createDirectories(folder);
            SafeFiles.ownerOnlyFolder(folder);
            Path log = folder.resolve(LOG_FILE);
            if (!Files.exists(log)) {
                Files.createFile(log);
            }
            SafeFiles.ownerOnly(log);
            return Files.isWritable(folder) && Files.isWritable(log);
        } catch (IOException | SecurityException e) {
            return false;
        }
    }

    private static ConsoleAppender<ILoggingEvent> console(LoggerContext context) {
        ConsoleAppender<ILoggingEvent> appender = new ConsoleAppender<>();
        appender.setContext(context);
        appender.setName(CONSOLE);
        appender.setTarget("System.err");
        ThresholdFilter warnings = new ThresholdFilter();
        warnings.setLevel(Level.WARN.levelStr);
        warnings.start();
        appender.addFilter(warnings);
        appender.setEncoder(encoder(context, "%d{HH:mm:ss.SSS} %-5level %msg%n"));
        appender.start();
        return appender;
    }

    static RollingFileAppender<ILoggingEvent> file(LoggerContext context, Path folder) {
        Path log = folder.resolve(LOG_FILE);
        RollingFileAppender<ILoggingEvent> appender = new RollingFileAppender<>() {
            @Override
            public void rollover() {
                super.rollover();
                // Logback opens the new file with the process's umask (0644 by default).
                SafeFiles.ownerOnly(log);
            }
        };
        appender.setContext(context);
        appender.setName("FILE");
        appender.setFile(folder.resolve(LOG_FILE).toString());
        FixedWindowRollingPolicy rolling = new FixedWindowRollingPolicy();
        rolling.setContext(context);
        rolling.setParent(appender);
        rolling.setFileNamePattern(folder.resolve("lifeboat.%i.log").toString());
        rolling.setMinIndex(1);
        rolling.setMaxIndex(3);
        rolling.start();
        SizeBasedTriggeringPolicy<ILoggingEvent> trigger = new SizeBasedTriggeringPolicy<>();
        trigger.setContext(context);
        trigger.setMaxFileSize(FileSize.valueOf("10MB"));
        trigger.start();
        appender.setRollingPolicy(rolling);
        appender.setTriggeringPolicy(trigger);
        appender.setEncoder(encoder(context, "%d{yyyy-MM-dd HH:mm:ss.SSS} %-5level [%thread] %logger{36} - %msg%n"));
        appender.start();
        return appender;
    }

    private static PatternLayoutEncoder encoder(LoggerContext context, String pattern) {
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(pattern);
        encoder.start();
        return encoder;
    }
}
