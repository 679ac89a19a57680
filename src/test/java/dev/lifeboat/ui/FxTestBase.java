package dev.lifeboat.ui;

import dev.lifeboat.core.pg.SessionPasswords;
import dev.lifeboat.core.settings.SettingsStore;
import dev.lifeboat.ui.main.MainWindow;
import dev.lifeboat.ui.manifest.BackupRow;
import javafx.scene.Node;
import javafx.scene.control.ButtonType;
import javafx.scene.control.DialogPane;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * Start-up and tear-down every TestFX class of the app shares: the real main window over a fresh
 * settings home and backup folder; afterwards every dialog closed, the app stopped (its operations
 * cancelled) and the session's remembered passwords forgotten, so one test cannot answer for the next.
 */
@ExtendWith(ApplicationExtension.class)
public abstract class FxTestBase {
    @TempDir
    protected Path home;

    @TempDir
    protected Path folder;

    protected LifeboatApp app;
    protected MainWindow window;
    protected SettingsStore settings;

    // A @BeforeEach, not TestFX's @Start: the extension looks for @Start on the test class itself only.
    @BeforeEach
    void startApp() throws Exception {
        beforeApp();
        FxToolkit.setupStage(stage -> {
            settings = new SettingsStore(home);
            app = new LifeboatApp();
            window = app.show(stage, settings, folder);
            // At the screen's corner: a screenshot of the whole (Xvfb) screen then shows the window whole.
            stage.setX(0);
            stage.setY(0);
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** What a class needs before the app starts (a server the app will reach); nothing by default. */
    protected void beforeApp() throws Exception {
    }

    /** What a class tears down once the app has stopped; nothing by default. */
    protected void afterApp() throws Exception {
    }

    @AfterEach
    void stopApp() throws Exception {
        WaitForAsyncUtils.asyncFx(() -> {
            for (Window w : List.copyOf(Window.getWindows())) {
                if (w instanceof Stage s && s.getOwner() != null) {
                    s.close();
                }
            }
            app.stop();
        }).get(10, TimeUnit.SECONDS);
        SessionPasswords.clear();
        afterApp();
    }

    /** Waits for a condition that background work makes true, then for the FX events it caused. */
    protected static void waitUntil(int seconds, Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, condition);
        WaitForAsyncUtils.waitForFxEvents();
    }

    /**
     * A screenshot of the whole screen (run under Xvfb with -Pdisplay) into {@code lifeboat.tour.out}
     * (target/screenshots by default), for the tours that take the README's pictures.
     */
    protected static void shot(String name) throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(System.getenv("DISPLAY") != null, "a display to take it from");
        WaitForAsyncUtils.waitForFxEvents();
        Thread.sleep(800);
        Path out = Path.of(System.getProperty("lifeboat.tour.out", "target/screenshots"));
        Files.createDirectories(out);
        new ProcessBuilder("import", "-display", System.getenv("DISPLAY"), "-window", "root",
                out.resolve(name + ".png").toString()).inheritIO().start().waitFor(30, TimeUnit.SECONDS);
    }

    protected static boolean showing(FxRobot robot, String query) {
        return robot.lookup(query).tryQuery().filter(Node::isVisible).isPresent();
    }

    /** A button of the dialog that holds the node (the Operations list has Cancel buttons too). */
    protected static Node dialogButton(Node inDialog, ButtonType type) {
        return ((DialogPane) inDialog.getScene().getRoot()).lookupButton(type);
    }

    /**
     * Clicks the button of that text in the dialog that is showing: a lookup by text alone may find a
     * Cancel of the Operations list, or of a row's cell that has just left its scene.
     */
    protected static void clickInDialog(FxRobot robot, String text) {
        try {
            waitUntil(10, () -> robot.lookup((Node n) -> dialogButtonNamed(n, text)).tryQuery().isPresent());
        } catch (Exception e) {
            throw new AssertionError("no showing dialog has a button '" + text + "'", e);
        }
        Node button = robot.lookup((Node n) -> dialogButtonNamed(n, text)).query();
        robot.clickOn(button);
    }

    private static boolean dialogButtonNamed(Node n, String text) {
        return n instanceof javafx.scene.control.Button b && text.equals(b.getText()) && b.isVisible()
                && b.getScene() != null && b.getScene().getRoot() instanceof DialogPane;
    }

    /**
     * Opens the restore wizard on the first backup, ends other sessions, asks for the plan and answers
     * the password prompt of the test server; returns the named button once the plan shows.
     */
    protected static javafx.scene.control.Button showRestorePlan(FxRobot robot) throws Exception {
        robot.clickOn(robot.lookup(".table-row-cell").nth(0).queryAs(Node.class));
        robot.clickOn("#restoreButton");
        waitUntil(10, () -> showing(robot, "#showPlan"));
        robot.clickOn("#terminateSessions");
        robot.clickOn("#showPlan");
        waitUntil(30, () -> showing(robot, "#passwordField"));
        robot.clickOn("#passwordField").write(dev.lifeboat.testsupport.TestServer.ADMIN_PASSWORD);
        robot.clickOn("#passwordConnect");
        javafx.scene.control.Button confirm = robot.lookup("#confirmRestore").queryButton();
        waitUntil(60, () -> confirm.getText().startsWith("Replace"));
        return confirm;
    }

    protected static TableView<BackupRow> table(FxRobot robot) {
        return robot.lookup("#manifestTable").queryTableView();
    }
}
