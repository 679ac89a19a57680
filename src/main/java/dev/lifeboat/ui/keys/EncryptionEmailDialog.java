package dev.lifeboat.ui.keys;

import dev.lifeboat.core.notify.EmailSettings;
import dev.lifeboat.ui.common.DialogService;
import dev.lifeboat.ui.common.Styles;
import dev.lifeboat.ui.common.TaskExecutor;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextField;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

import java.nio.file.Path;

/** Encryption (the age identity, never its key) and email notifications, each with its own model. */
public final class EncryptionEmailDialog extends Dialog<Void> {
    public EncryptionEmailDialog(Window owner, Path configFolder, DialogService dialogs, TaskExecutor executor) {
        initOwner(owner);
        setTitle("Encryption and email");
        // A header as the other dialogs have: what this window is for, before its tabs.
        setHeaderText("Encryption of backups (age) and email when a scheduled run fails");
        setResizable(true);
        getDialogPane().getButtonTypes().add(ButtonType.CLOSE);
        TabPane tabs = new TabPane(new Tab("Encryption", encryption(new IdentityModel(configFolder), dialogs)),
                new Tab("Email", email(new EmailModel(executor, configFolder))));
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        // The tabs' contents stood against the tab bar: the room the other dialogs' forms have.
        tabs.getTabs().forEach(t -> ((javafx.scene.layout.Region) t.getContent()).setPadding(new javafx.geometry.Insets(12, 4, 4, 4)));
        getDialogPane().setContent(tabs);
        getDialogPane().setPrefWidth(720);
    }

    private static Label status(javafx.beans.value.ObservableValue<String> text, String id) {
        Label l = new Label();
        l.setId(id);
        l.setWrapText(true);
        l.setMaxWidth(660);
        l.textProperty().bind(text);
        return l;
    }

    private static VBox encryption(IdentityModel model, DialogService dialogs) {
        Label warning = new Label(IdentityModel.LOST_KEY_WARNING);
        warning.setId("lostKeyWarning");
        warning.setWrapText(true);
        warning.setMaxWidth(660);
        warning.getStyleClass().add(Styles.STATUS_WARN);
        TextField path = new TextField();
        path.setId("identityPath");
        path.setEditable(false);
        path.setPrefColumnCount(34);
        path.textProperty().bind(model.identityFileProperty());
        TextField recipient = new TextField();
        recipient.setId("identityRecipient");
        recipient.setEditable(false);
        recipient.textProperty().bind(model.recipientProperty());
        Button choose = new Button("Choose\u2026");
        choose.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        choose.setId("identityChoose");
        choose.setOnAction(e -> {
            javafx.stage.FileChooser fc = new javafx.stage.FileChooser();
            fc.setTitle("Age identity file");
            java.io.File f = fc.showOpenDialog(choose.getScene().getWindow());
            if (f != null) {
                model.choose(f.toPath());
            }
        });
        Button generate = new Button("Generate new identity\u2026");
        generate.setId("identityGenerate");
        generate.setOnAction(e -> dialogs.chooseSaveFile("Where to write the new identity", "lifeboat-age-key.txt",
                "age identity", "txt").ifPresent(model::generate));
        Button export = new Button("Export recipient\u2026");
        export.setId("identityExport");
        export.disableProperty().bind(model.recipientProperty().isEmpty());
        export.setOnAction(e -> {
            ClipboardContent c = new ClipboardContent();
            c.putString(model.recipientProperty().get());
            javafx.scene.input.Clipboard.getSystemClipboard().setContent(c);
            dialogs.chooseSaveFile("Export the recipient (public)", "lifeboat-recipient.txt", "age recipient", "txt")
                    .ifPresent(model::exportRecipient);
        });
        GridPane form = new GridPane();
        form.setHgap(8);
        form.setVgap(6);
        form.addRow(0, label("Identity file"), path, choose);
        form.addRow(1, label("Recipient"), recipient);
        return new VBox(10, warning, form, new HBox(8, generate, export),
                status(model.statusProperty(), "identityStatus"));
    }

    private static VBox email(EmailModel model) {
        EmailSettings saved = model.saved();
        TextField host = field("smtpHost", saved == null ? "" : saved.smtpHost(), "smtp.example.org");
        TextField port = field("smtpPort", saved == null || saved.smtpPort() == null ? "" : saved.smtpPort().toString(),
                "587");
        ChoiceBox<String> security = new ChoiceBox<>();
        security.setId("smtpSecurity");
        security.getItems().setAll("starttls", "ssl", "none");
        security.getSelectionModel().select(saved == null ? "starttls" : saved.security());
        TextField from = field("smtpFrom", saved == null ? "" : saved.from(), "lifeboat@example.org");
        TextField to = field("smtpTo", saved == null ? "" : String.join(", ", saved.to()), "dba@example.org, oncall@example.org");
        TextField user = field("smtpUser", saved == null || saved.username() == null ? "" : saved.username(), "(none)");
        PasswordField password = new PasswordField();
        password.setId("smtpPassword");
        password.setPromptText(model.passwordSaved() ? "saved (type to replace)" : "kept in an owner-only file, not in notifications.json");
        GridPane form = new GridPane();
        form.setHgap(8);
        form.setVgap(6);
        form.addRow(0, label("SMTP host"), host);
        form.addRow(1, label("Port"), port);
        form.addRow(2, label("Security"), security);
        form.addRow(3, label("From"), from);
        form.addRow(4, label("To"), to);
        form.addRow(5, label("Username"), user);
        form.addRow(6, label("Password"), password);
        Button save = new Button("Save");
        save.setId("smtpSave");
        save.getStyleClass().add(Styles.PRIMARY_BUTTON);
        save.setOnAction(e -> {
            if (model.save(new EmailModel.Form(host.getText(), port.getText(), security.getValue(), from.getText(),
                    to.getText(), user.getText(), password.getText()))) {
                password.clear();
            }
        });
        Button test = new Button("Send test");
        test.setId("smtpTest");
        test.setOnAction(e -> model.sendTest());
        Label hint = new Label("Emails go out for a failed scheduled backup or verification, a copy that failed its "
                + "check, and health turning critical.");
        hint.getStyleClass().add(Styles.MUTED);
        hint.setWrapText(true);
        return new VBox(10, hint, form, new HBox(8, save, test), status(model.statusProperty(), "smtpStatus"));
    }

    private static Label label(String text) {
        Label l = new Label(text);
        l.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE); // the field gives way, never the label
        return l;
    }

    private static TextField field(String id, String value, String prompt) {
        TextField f = new TextField(value);
        f.setId(id);
        f.setPromptText(prompt);
        f.setPrefColumnCount(30);
        return f;
    }
}
