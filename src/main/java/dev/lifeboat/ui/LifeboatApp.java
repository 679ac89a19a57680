package dev.lifeboat.ui;

import dev.lifeboat.core.pg.Credentials;
import dev.lifeboat.core.pg.PgPass;
import dev.lifeboat.core.settings.AppPaths;
import dev.lifeboat.core.settings.Settings;
import dev.lifeboat.core.settings.SettingsStore;
import dev.lifeboat.ui.common.AppContext;
import dev.lifeboat.ui.common.FxDialogService;
import dev.lifeboat.ui.common.PasswordDialog;
import dev.lifeboat.ui.common.Styles;
import dev.lifeboat.ui.common.Theme;
import dev.lifeboat.ui.common.TaskRunner;
import dev.lifeboat.ui.log.UiLogAppender;
import dev.lifeboat.ui.main.MainWindow;
import dev.lifeboat.ui.manifest.ManifestModel;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.image.Image;
import javafx.stage.Stage;

import java.io.InputStream;
import java.nio.file.Path;

/** The desktop application: one main window over the current backup folder. */
public final class LifeboatApp extends Application {
    private AppContext ctx;
    private MainWindow window;

    @Override
    public void start(Stage stage) {
        SettingsStore settings = SettingsStore.standard();
        Settings s = settings.load();
        Path folder = s.backupFolder() != null ? Path.of(s.backupFolder()) : AppPaths.defaultBackupFolder();
        show(stage, settings, folder);
    }

    /** Builds and shows the main window over a settings store and folder; tests call this directly. */
    public MainWindow show(Stage stage, SettingsStore settings, Path folder) {
        dev.lifeboat.LogSetup.prepare(); // begun by DesktopLauncher on another thread: waits for it, not SLF4J's stand-in
        UiLogAppender.install();
        Theme.apply();
        TaskRunner runner = new TaskRunner();
        ManifestModel model = new ManifestModel(runner);
        PgPass pgpass = PgPass.standard();
        ctx = new AppContext(settings, runner, model, new FxDialogService(() -> stage),
                new Credentials(PasswordDialog.provider(() -> stage, pgpass.file()), pgpass));
        model.open(folder);
        window = new MainWindow(ctx, stage);
        Scene scene = new Scene(window, 1360, 860);
        Styles.apply(scene);
        window.installShortcuts();
        stage.setTitle("Lifeboat \u2014 PostgreSQL backups you can trust");
        stage.setScene(scene);
        Thread.setDefaultUncaughtExceptionHandler((t, e) -> Platform.runLater(() -> ctx.dialogs().showError("Unexpected error", e)));
        stage.setOnCloseRequest(e -> {
            if (!mayClose()) {
                e.consume();
                return;
            }
            stop();
        });
        // Shown, then drawn: the pulse after the one that lays out and paints the window has begun.
        stage.setOnShown(e -> {
            long shown = sinceJvmStart();
            dev.lifeboat.ui.common.FxPulses.after(2, () -> {
                reportStartup(shown, model.rows().size());
                // Six PNGs decoded after the first frame, not before it.
                TaskRunner.atStartUp(() -> icons(stage));
            });
        });
        // The newest rows were read while the window was built: in the table before its first layout.
        model.showFirstPage(java.time.Duration.ofMillis(500));
        stage.show();
        return window;
    }

    /** Closing while an operation runs cancels it: ask first, naming what runs. */
    private boolean mayClose() {
        // A brief read (details, contents) is not worth a question: closing just stops it.
        java.util.List<String> running = ctx.runner().tasks().stream().filter(t -> t.isRunning() && !t.isBrief())
                .map(t -> t.getTitle()).toList();
        if (running.isEmpty()) {
            return true;
        }
        return ctx.dialogs().confirm("Operations are running", "Still running: " + String.join("; ", running)
                + ".\n\nClosing Lifeboat cancels them: pg_dump and pg_restore are stopped and nothing half-done is kept.",
                running.size() == 1 ? "Cancel it and close" : "Cancel them and close");
    }

    /** Decodes the window's icons (any thread) and gives them to the stage on the FX thread. */
    private static void icons(Stage stage) {
        java.util.List<Image> icons = new java.util.ArrayList<>();
        for (int size : new int[]{16, 32, 48, 64, 128, 256}) {
            try (InputStream in = LifeboatApp.class.getResourceAsStream("/dev/lifeboat/ui/icons/lifeboat-" + size + ".png")) {
                if (in != null) {
                    icons.add(new Image(in));
                }
            } catch (java.io.IOException ignored) {
                // no icon is no reason not to start
            }
        }
        Platform.runLater(() -> stage.getIcons().setAll(icons));
    }

    /**
     * Logs how long the start took; LIFEBOAT_STARTUP_PROBE=1 prints it and exits (installer checks,
     * benchmarks/ui_bench.sh --window): when the window was shown, when its first frame was drawn
     * (both from the JVM's start) and how many backups the table had then.
     */
    private static void reportStartup(long shownMs, int rows) {
        long drawnMs = sinceJvmStart();
        org.slf4j.LoggerFactory.getLogger(LifeboatApp.class).info("Main window shown {} ms after the JVM started, drawn at {} ms "
                + "with {} backup(s) in the table", shownMs, drawnMs, rows);
        if ("1".equals(System.getenv("LIFEBOAT_STARTUP_PROBE"))) {
            System.out.println("window-shown-ms=" + shownMs + " window-drawn-ms=" + drawnMs + " rows=" + rows);
            Platform.exit();
            System.exit(0);
        }
    }

    private static long sinceJvmStart() {
        return System.currentTimeMillis() - java.lang.management.ManagementFactory.getRuntimeMXBean().getStartTime();
    }

    public AppContext context() {
        return ctx;
    }

    @Override
    public void stop() {
        if (ctx != null) {
            ctx.runner().shutdown();
            ctx.manifest().stop();
        }
        if (window != null) {
            window.shutdown();
        }
    }
}
