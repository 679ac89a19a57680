package dev.lifeboat.ui.common;

import dev.lifeboat.core.pg.CredentialProvider;
import dev.lifeboat.core.pg.CredentialProvider.PasswordAnswer;
import dev.lifeboat.core.pg.CredentialProvider.PasswordRequest;
import javafx.application.Platform;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;

/**
 * Asks for a server's password the way pgAdmin does: who, where and which database, with
 * "remember for this session" (memory only) and "save in ~/.pgpass" (so scheduled runs use it).
 * It is core's {@link CredentialProvider}: called on a worker thread, it shows the dialog on the FX
 * thread and waits for the answer.
 */
public final class PasswordDialog extends Dialog<PasswordAnswer> {
    private final PasswordField password = new PasswordField();

    PasswordDialog(Window owner, PasswordRequest request, Path pgpassFile) {
        initOwner(owner);
        setTitle("Password");
        setHeaderText("Connect to " + request.server() + " as " + request.user());
        if (owner != null && owner.getScene() != null) {
            getDialogPane().getStylesheets().addAll(owner.getScene().getStylesheets());
        }
        GridPane who = new GridPane();
        who.setHgap(10);
        who.setVgap(6);
        who.addRow(0, key("User"), value(request.user(), "passwordUser"));
        who.addRow(1, key("Server"), value(request.server(), "passwordServer"));
        who.addRow(2, key("Database"), value(request.database(), "passwordDatabase"));
        who.addRow(3, key("Password"), password);
        password.setId("passwordField");
        password.setPrefColumnCount(24);
        Label wrong = new Label("The password was refused. Try again.");
        wrong.setId("passwordRefused");
        wrong.getStyleClass().add(Styles.PROBLEM);
        wrong.setVisible(request.previousRefused());
        wrong.managedProperty().bind(wrong.visibleProperty());
        CheckBox remember = new CheckBox("Remember for this session (kept in memory only)");
        remember.setId("rememberPassword");
        CheckBox save = new CheckBox("Save in " + (pgpassFile == null ? "~/.pgpass" : pgpassFile)
                + " (scheduled runs use it too)");
        save.setId("savePassword");
        VBox content = new VBox(10, wrong, who, remember, save);
        content.getStyleClass().add(Styles.FORM);
        getDialogPane().setContent(content);
        ButtonType connect = new ButtonType("Connect", ButtonBar.ButtonData.OK_DONE);
        getDialogPane().getButtonTypes().addAll(ButtonType.CANCEL, connect);
        Button connectButton = (Button) getDialogPane().lookupButton(connect);
        connectButton.setId("passwordConnect");
        connectButton.disableProperty().bind(password.textProperty().isEmpty());
        setOnShown(e -> Platform.runLater(password::requestFocus));
        setResultConverter(b -> b == connect
                ? new PasswordAnswer(password.getText(), remember.isSelected(), save.isSelected()) : null);
    }

    private static Label key(String text) {
        Label l = new Label(text);
        l.getStyleClass().add(Styles.KEY);
        return l;
    }

    private static Label value(String text, String id) {
        Label l = new Label(text);
        l.setId(id);
        return l;
    }

    /** Core's provider for the app: asks on the FX thread, from whichever thread core runs on. */
    public static CredentialProvider provider(Supplier<Window> owner, Path pgpassFile) {
        return request -> {
            if (Platform.isFxApplicationThread()) {
                return new PasswordDialog(owner.get(), request, pgpassFile).showAndWait();
            }
            CompletableFuture<Optional<PasswordAnswer>> answer = new CompletableFuture<>();
            Platform.runLater(() -> {
                try {
                    answer.complete(new PasswordDialog(owner.get(), request, pgpassFile).showAndWait());
                } catch (RuntimeException e) {
                    answer.completeExceptionally(e);
                }
            });
            try {
                return answer.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty(); // the operation was cancelled while the dialog was open
            } catch (ExecutionException e) {
                throw new IllegalStateException("The password dialog failed", e.getCause());
            }
        };
    }
}
