package dev.lifeboat.ui.log;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import org.slf4j.LoggerFactory;

/** A Logback appender that hands every event to the {@link LogBus}; installed by the desktop app only. */
public final class UiLogAppender extends AppenderBase<ILoggingEvent> {
    public static final String NAME = "LIFEBOAT_UI";

    @Override
    protected void append(ILoggingEvent e) {
        String logger = e.getLoggerName();
        String shortName = logger.startsWith("pg.") ? logger.substring(3) : logger.substring(logger.lastIndexOf('.') + 1);
        LogBus.publish(e.getLevel().toString(), shortName, e.getMDCPropertyMap().get("op"), e.getFormattedMessage(),
                e.getTimeStamp());
    }

    /** Attaches the appender to the root logger once. */
    public static synchronized void install() {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext ctx)) {
            return;
        }
        Logger root = ctx.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        if (root.getAppender(NAME) != null) {
            return;
        }
        UiLogAppender a = new UiLogAppender();
        a.setName(NAME);
        a.setContext(ctx);
        a.start();
        root.addAppender(a);
        if (root.getLevel() == null || root.getLevel().toInt() > ch.qos.logback.classic.Level.INFO_INT) {
            root.setLevel(ch.qos.logback.classic.Level.INFO);
        }
        // The pane shows what the tools do, as the CLI's -v does: their progress lines are logged at DEBUG.
        ctx.getLogger("pg").setLevel(ch.qos.logback.classic.Level.DEBUG);
    }
}
