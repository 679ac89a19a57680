package dev.lifeboat.ui.common;

import dev.lifeboat.core.LifeboatException;
import dev.lifeboat.core.Remedy;
import javafx.application.Platform;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.File;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Supplier;

/** The JavaFX dialogs: alerts owned by the main window, errors with their details folded away. */
public final class FxDialogService implements DialogService {
    private static final Logger LOG = LoggerFactory.getLogger(FxDialogService.class);
    private final Supplier<Window> owner;

    public FxDialogService(Supplier<Window> owner) {
        this.owner = owner;
    }

    private Alert alert(Alert.AlertType type, String title) {
        Alert a = new Alert(type);
        a.initOwner(owner.get());
        a.setTitle(title);
        a.setHeaderText(title);
        if (owner.get() != null && owner.get().getScene() != null) {
            a.getDialogPane().getStylesheets().addAll(owner.get().getScene().getStylesheets());
        }
        return a;
    }

    @Override
    public boolean confirm(String title, String message, String actionText) {
        Alert a = alert(Alert.AlertType.CONFIRMATION, title);
        a.setContentText(message);
        ButtonType act = new ButtonType(actionText, ButtonBar.ButtonData.OK_DONE);
        a.getButtonTypes().setAll(ButtonType.CANCEL, act);
        ((Button) a.getDialogPane().lookupButton(ButtonType.CANCEL)).setDefaultButton(true);
        ((Button) a.getDialogPane().lookupButton(act)).setDefaultButton(false);
        ((Button) a.getDialogPane().lookupButton(act)).setMnemonicParsing(false);
        return a.showAndWait().filter(act::equals).isPresent();
    }

    @Override
    public boolean confirmByTypingName(String title, String message, String name, String actionText) {
        Alert a = alert(Alert.AlertType.WARNING, title);
        TextField typed = new TextField();
        typed.setId("confirmName");
        typed.setPromptText(name);
        VBox box = new VBox(8, new Label(message), new Label("Type " + name + " to confirm:"), typed);
        a.getDialogPane().setContent(box);
        ButtonType act = new ButtonType(actionText, ButtonBar.ButtonData.OK_DONE);
        a.getButtonTypes().setAll(ButtonType.CANCEL, act);
        Button actButton = (Button) a.getDialogPane().lookupButton(act);
        actButton.getStyleClass().add(Styles.DANGER_BUTTON);
        actButton.setMnemonicParsing(false);
        actButton.disableProperty().bind(typed.textProperty().isNotEqualTo(name));
        Platform.runLater(typed::requestFocus);
        return a.showAndWait().filter(act::equals).isPresent() && name.equals(typed.getText());
    }

    @Override
    public void showError(String title, Throwable error) {
        String message;
        String headline;
        if (error instanceof LifeboatException le) {
            headline = le.code().headline();
            String remedy = remedy(le.remedy());
            message = le.getMessage() + (remedy.isEmpty() ? "" : "\n\n" + remedy);
            LOG.warn("{}: {}", headline, le.getMessage(), le);
        } else {
            headline = "Something went wrong";
            message = error + "\nThis is a bug in Lifeboat; the details below help to fix it.";
            LOG.error("Unexpected error", error);
        }
        Alert a = alert(Alert.AlertType.ERROR, title);
        a.setHeaderText(headline);
        Label text = new Label(message);
        text.setWrapText(true);
        text.setId("errorMessage");
        a.getDialogPane().setContent(text);
        StringWriter sw = new StringWriter();
        error.printStackTrace(new PrintWriter(sw));
        TextArea details = new TextArea(sw.toString());
        details.setEditable(false);
        details.setPrefRowCount(14);
        VBox.setVgrow(details, Priority.ALWAYS);
        a.getDialogPane().setExpandableContent(new VBox(new Label("Technical details"), details));
        a.getDialogPane().setPrefWidth(620);
        a.showAndWait();
    }

    /** Core's remedy in the app's own terms (the CLI says it with its flags); empty for none. */
    public static String remedy(Remedy remedy) {
        return switch (remedy) {
            case PROVIDE_PASSWORD -> "Run it again and enter the password when Lifeboat asks. Tick \u201cSave in "
                    + "~/.pgpass\u201d in that dialog so that scheduled runs find it too.";
            case CHOOSE_TOOLS_FOLDER -> "Choose the PostgreSQL tools folder in Settings.";
            case NAME_SCRATCH_SERVER -> "Verify again and enter a scratch server in the verify dialog.";
            case RESTORE_MANIFEST_COPY -> "Copy backup_manifest.json.bak over backup_manifest.json, then reopen the folder.";
            case RUN_IMPORT -> "Adopt them with More \u25B8 Import backups from folder\u2026";
            case REBUILD_CATALOG -> "The backup files themselves are untouched: adopt them again with "
                    + "More \u25B8 Import backups from folder\u2026";
            case TERMINATE_SESSIONS -> "Tick \u201cEnd other sessions on the target when needed\u201d.";
            case TYPE_CONFIRMATION -> "Type the database's exact name in the confirmation field.";
            case CHOOSE_NEW_NAME -> "Enter another name for the new database, or choose \u201cReplace, safely\u201d "
                    + "to swap it.";
            case CREATE_ROLES -> "Tick \u201cCreate missing roles\u201d, or tick both \u201cDo not restore owners\u201d "
                    + "and \u201cDo not restore privileges\u201d.";
            case NO_OWNER -> "Tick both \u201cDo not restore owners\u201d and \u201cDo not restore privileges\u201d.";
            case RUN_VERIFY -> "Select the latest backup and click Verify (full).";
            case RUN_RECOVER -> "Clean what was left behind with More \u25B8 Recover after a crash\u2026";
            case RUN_PRUNE -> "Open Retention and click \u201cPrune now\u201d.";
            case TAKE_BACKUP -> "Click \u201cNew backup\u201d.";
            case LIST_BACKUPS -> "The backup list shows the ids.";
            case LIST_CONNECTIONS -> "Settings lists the saved connections.";
            case LIST_SCHEDULES -> "The Schedules tab lists them.";
            case LIST_OPERATIONS -> "The History tab lists them.";
            case RUN_FROM_OWN_SCHEDULER -> "Install cron, or start the scheduled run from a scheduler of your own.";
            case NONE -> "";
        };
    }

    @Override
    public void showInfo(String title, String message) {
        Alert a = alert(Alert.AlertType.INFORMATION, title);
        a.setContentText(message);
        a.showAndWait();
    }

    @Override
    public Optional<Path> chooseFolder(String title, Path initial) {
        DirectoryChooser c = new DirectoryChooser();
        c.setTitle(title);
        if (initial != null && Files.isDirectory(initial)) {
            c.setInitialDirectory(initial.toFile());
        }
        File f = c.showDialog(owner.get());
        return Optional.ofNullable(f).map(File::toPath);
    }

    @Override
    public Optional<Path> chooseSaveFile(String title, String suggestedName, String description, String extension) {
        FileChooser c = new FileChooser();
        c.setTitle(title);
        c.setInitialFileName(suggestedName);
        c.getExtensionFilters().add(new FileChooser.ExtensionFilter(description, "*." + extension));
        File f = c.showSaveDialog(owner.get());
        return Optional.ofNullable(f).map(File::toPath);
    }
}
