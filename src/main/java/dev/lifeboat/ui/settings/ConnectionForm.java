package dev.lifeboat.ui.settings;

import dev.lifeboat.core.pg.ConnectionSpec;
import dev.lifeboat.core.settings.ConnectionProfile;
import dev.lifeboat.ui.common.Styles;
import javafx.geometry.Pos;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The connection form of Settings: its fields, what they hold as a connection, and whether that
 * differs from what was last filled in or saved, so that OK never drops a connection typed but not
 * saved.
 */
final class ConnectionForm {
    private static final String DEFAULT_HOST = "localhost";
    private static final String DEFAULT_PORT = "5432";
    private static final String DEFAULT_SSL_MODE = "prefer";
    /** The rows the form fills in its grid; the dialog's buttons go below them. */
    static final int ROWS = 8;
    private static final List<String> SSL_MODES = List.of("disable", "allow", "prefer", "require", "verify-ca", "verify-full");

    private final TextField name = new TextField();
    private final TextField host = new TextField(DEFAULT_HOST);
    private final TextField port = new TextField(DEFAULT_PORT);
    private final TextField database = new TextField();
    private final TextField user = new TextField();
    /** libpq's sslmode, as pgAdmin offers it; "prefer" is libpq's default and is saved as no setting. */
    private final ChoiceBox<String> sslMode = new ChoiceBox<>();
    private final CheckBox protectedBox = new CheckBox("Protected (production): restoring into it needs its name typed");
    private final GridPane grid = new GridPane();
    /** The connection the form was last filled from or saved as; null for a new, empty form. */
    private ConnectionProfile shown;

    ConnectionForm() {
        name.setId("connName");
        host.setId("connHost");
        port.setId("connPort");
        database.setId("connDatabase");
        user.setId("connUser");
        protectedBox.setId("connProtected");
        sslMode.setId("connSslMode");
        sslMode.getItems().setAll(SSL_MODES);
        sslMode.setValue(DEFAULT_SSL_MODE);
        name.setPromptText("e.g. ledger production");
        database.setPromptText("e.g. postgres");
        user.setPromptText("e.g. postgres");
        grid.setHgap(8);
        grid.setVgap(6);
        grid.addRow(0, new Label("Name"), name);
        grid.addRow(1, new Label("Host"), host);
        grid.addRow(2, new Label("Port"), port);
        grid.addRow(3, new Label("Database"), database);
        grid.addRow(4, new Label("User"), user);
        Label sslHint = new Label("libpq's sslmode, for the tools and the checks");
        sslHint.getStyleClass().add(Styles.MUTED);
        HBox sslRow = new HBox(8, sslMode, sslHint);
        sslRow.setAlignment(Pos.CENTER_LEFT);
        grid.addRow(5, new Label("SSL mode"), sslRow);
        grid.add(protectedBox, 1, 6);
        Label passwords = new Label("Lifeboat asks for the password when the server wants one; it is kept in memory, "
                + "or in ~/.pgpass if you choose.");
        passwords.setWrapText(true);
        passwords.setMaxWidth(420);
        passwords.setMinHeight(Region.USE_PREF_SIZE); // both lines: the grid's row gave it one and cut it
        passwords.getStyleClass().add(Styles.MUTED);
        grid.add(passwords, 1, 7);
        ColumnConstraints labels = new ColumnConstraints();
        labels.setMinWidth(Region.USE_PREF_SIZE);
        grid.getColumnConstraints().add(labels);
    }

    GridPane grid() {
        return grid;
    }

    void focus() {
        name.requestFocus();
    }

    void clear() {
        shown = null;
        name.clear();
        host.setText(DEFAULT_HOST);
        port.setText(DEFAULT_PORT);
        database.clear();
        user.clear();
        sslMode.setValue(DEFAULT_SSL_MODE);
        protectedBox.setSelected(false);
    }

    void fill(ConnectionProfile p) {
        shown = p;
        name.setText(p.name());
        host.setText(p.host());
        port.setText(Integer.toString(p.port()));
        database.setText(p.database());
        user.setText(p.user());
        sslMode.setValue(p.sslmode() == null || p.sslmode().isBlank() ? DEFAULT_SSL_MODE : p.sslmode());
        protectedBox.setSelected(p.isProtected());
    }

    /** The name typed, stripped. */
    String name() {
        return name.getText().strip();
    }

    /**
     * Whether the form holds something not saved: a new form someone typed in, or a saved connection
     * changed. An untouched new form (host and port at their defaults, nothing else) is not.
     */
    boolean hasUnsavedChanges() {
        if (shown == null) {
            return !name.getText().isBlank() || !database.getText().isBlank() || !user.getText().isBlank()
                    || !host.getText().strip().equals(DEFAULT_HOST) || !port.getText().strip().equals(DEFAULT_PORT)
                    || protectedBox.isSelected() || sslModeSetting() != null;
        }
        return !name().equals(shown.name()) || !host.getText().strip().equals(shown.host())
                || !port.getText().strip().equals(Integer.toString(shown.port()))
                || !database.getText().strip().equals(shown.database()) || !user.getText().strip().equals(shown.user())
                || protectedBox.isSelected() != shown.isProtected()
                || !Objects.equals(sslModeSetting(), blankToNull(shown.sslmode()));
    }

    /** The connection in the form, or null when a field is wrong: each wrong field marked, its fix added to wrong. */
    ConnectionSpec spec(List<String> wrong) {
        int p = -1;
        try {
            p = Integer.parseInt(port.getText().strip());
        } catch (NumberFormatException e) {
            // said below
        }
        int before = wrong.size();
        mark(port, p < 1 || p > 65535, wrong, "Port: a number from 1 to 65535, not '" + port.getText().strip() + "'");
        mark(host, host.getText().isBlank(), wrong, "Host: give the server's name or address");
        mark(database, database.getText().isBlank(), wrong, "Database: give the database's name");
        mark(user, user.getText().isBlank(), wrong, "User: give the role to connect as");
        if (wrong.size() > before) {
            return null;
        }
        String ssl = sslModeSetting();
        return new ConnectionSpec(host.getText().strip(), p, database.getText().strip(), user.getText().strip(), null,
                ssl == null ? Map.of() : Map.of("sslmode", ssl));
    }

    /** The form as a profile to save, or null with the reasons in wrong; the name is required. */
    ConnectionProfile profile(List<String> wrong) {
        mark(name, name.getText().isBlank(), wrong, "Name: give the connection a name");
        ConnectionSpec spec = spec(wrong);
        if (spec == null || !wrong.isEmpty()) {
            return null;
        }
        return ConnectionProfile.from(name(), spec, protectedBox.isSelected());
    }

    /** The sslmode chosen, or null for libpq's default (prefer), which a saved connection leaves unset. */
    private String sslModeSetting() {
        String v = sslMode.getValue();
        return v == null || v.equals(DEFAULT_SSL_MODE) ? null : v;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() || s.equals(DEFAULT_SSL_MODE) ? null : s;
    }

    /** Remembers p as what the form now shows, saved. */
    void saved(ConnectionProfile p) {
        shown = p;
    }

    private static void mark(TextField field, boolean isWrong, List<String> wrong, String message) {
        field.getStyleClass().remove("wrong-field");
        if (isWrong) {
            field.getStyleClass().add("wrong-field");
            wrong.add(message);
        }
    }
}
