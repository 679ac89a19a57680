package dev.lifeboat.ui.details;

import dev.lifeboat.core.archive.ArchiveToc;
import dev.lifeboat.core.archive.TocEntry;
import dev.lifeboat.core.manifest.BackupEntry;
import dev.lifeboat.core.manifest.TableStat;
import dev.lifeboat.core.manifest.VerificationRecord;
import dev.lifeboat.core.util.Sizes;
import dev.lifeboat.ui.common.AppContext;
import dev.lifeboat.ui.common.LazyTabs;
import dev.lifeboat.ui.common.Styles;
import dev.lifeboat.core.pg.Pg;
import dev.lifeboat.ui.common.Tables;
import dev.lifeboat.ui.manifest.BackupRow;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.scene.layout.GridPane;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The selected backup: its metadata, per-table row counts, verification history and contents. */
public final class DetailsPane extends TabPane {
    private final AppContext ctx;
    private final GridPane overview = new GridPane();
    private final TableView<TableStat> tables = new TableView<>();
    private final TableView<VerificationRecord> history = new TableView<>();
    private final TreeView<String> contents = new TreeView<>();
    private final Tab contentsTab = new Tab("Contents");
    private final DetailsModel model;

    public DetailsPane(AppContext ctx) {
        this.ctx = ctx;
        this.model = new DetailsModel(ctx);
        model.entryProperty().addListener((o, a, b) -> render());
        model.rowProperty().addListener((o, a, b) -> render());
        model.contentsProperty().addListener((o, a, b) -> renderContents());
        model.contentsProblemProperty().addListener((o, a, b) -> renderContents());
        setId("details");
        setTabClosingPolicy(TabClosingPolicy.UNAVAILABLE);
        overview.getStyleClass().add("details-grid");
        javafx.scene.layout.ColumnConstraints keys = new javafx.scene.layout.ColumnConstraints();
        keys.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        javafx.scene.layout.ColumnConstraints values = new javafx.scene.layout.ColumnConstraints();
        values.setHgrow(javafx.scene.layout.Priority.ALWAYS);
        overview.getColumnConstraints().addAll(keys, values);
        ScrollPane scroll = new ScrollPane(overview);
        scroll.setFitToWidth(true);
        tables.setId("detailsTables");
        // One column, the name as SQL writes it (app.customers, public."dotted.name"), as psql's \dt reads:
        // a Schema column beside it left the name some 100 px of the narrow pane. Hover says a long one whole.
        var table = Tables.whole(Tables.column("Table", 200,
                (TableStat t) -> Pg.identIfNeeded(t.schema()) + "." + Pg.identIfNeeded(t.name())));
        table.setMinWidth(110);
        tables.getColumns().add(table);
        var rows = Tables.column("Rows", 100, (TableStat t) -> t.rows() == null ? "unknown" : String.format("%,d", t.rows()));
        var size = Tables.column("Size", 80, (TableStat t) -> t.bytes() == null ? "" : Sizes.bytes(t.bytes()));
        rows.setMinWidth(100); // "12,345,678" whole
        size.setMinWidth(76); // "48.0 KB" whole
        for (var c : List.of(rows, size)) {
            c.getStyleClass().add("number-column");
        }
        tables.getColumns().addAll(List.of(rows, size));
        // The pane is narrow at the default size: the four columns share its width, so the row
        // counts are in view rather than behind a horizontal scroll bar; long names end in "…".
        tables.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY);
        tables.setPlaceholder(new Label("No per-table counts recorded for this backup."));
        history.getColumns().add(Tables.column("When", 150, v -> v.datetime() == null ? "" : v.datetime().replace('T', ' ')));
        history.getColumns().add(Tables.column("Depth", 70, VerificationRecord::depth));
        history.getColumns().add(Tables.column("Outcome", 80, v -> v.outcome() == null ? "" : v.outcome().json()));
        history.getColumns().add(Tables.column("Took", 70, v -> v.durationSeconds() == null ? "" : Sizes.seconds(v.durationSeconds())));
        history.getColumns().add(Tables.column("Restore time", 100, v -> v.restoreSeconds() == null ? "" : Sizes.seconds(v.restoreSeconds())));
        history.setPlaceholder(new Label("Never verified."));
        history.setId("verificationHistory");
        // A past verification's report opens again, as it was shown when it ran.
        history.setRowFactory(t -> {
            javafx.scene.control.TableRow<VerificationRecord> row = new javafx.scene.control.TableRow<>();
            row.setOnMouseClicked(ev -> {
                if (ev.getClickCount() == 2 && !row.isEmpty() && model.entryProperty().get() != null) {
                    openReport(model.entryProperty().get(), row.getItem());
                }
            });
            row.setTooltip(new javafx.scene.control.Tooltip("Double-click to open the report"));
            return row;
        });
        contents.setShowRoot(false);
        // Only the Overview is shown with the window: the other tabs' tables join it when first chosen.
        LazyTabs.attachWhenShown(contentsTab, contents);
        contentsTab.setOnSelectionChanged(e -> {
            if (contentsTab.isSelected()) {
                loadContents();
            }
        });
        getTabs().addAll(new Tab("Overview", scroll), LazyTabs.tab("Tables", tables), LazyTabs.tab("Verifications", history),
                contentsTab);
        render();
    }


    private void openReport(BackupEntry e, VerificationRecord v) {
        dev.lifeboat.core.verify.VerifyDepth depth;
        try {
            depth = dev.lifeboat.core.verify.VerifyDepth.parse(v.depth());
        } catch (RuntimeException unknown) {
            depth = dev.lifeboat.core.verify.VerifyDepth.ARCHIVE;
        }
        dev.lifeboat.core.verify.VerifyReport report = new dev.lifeboat.core.verify.VerifyReport(e.effectiveId(), e.file(),
                depth, v.outcome(), v.datetime(), v.durationSeconds() == null ? 0 : v.durationSeconds(), v.restoreSeconds(),
                v.checks() == null ? java.util.List.of() : v.checks(), v.tables() == null ? java.util.List.of() : v.tables());
        dev.lifeboat.ui.verify.VerifyReportView.open(getScene().getWindow(), report, ctx.dialogs());
    }

    /** Shows a backup (null: none); the model reads its whole entry off the FX thread. */
    public void show(BackupRow row) {
        model.show(row);
    }

    /** Renders what the model holds for the shown backup. */
    private void render() {
        BackupRow row = model.rowProperty().get();
        BackupEntry e = model.entryProperty().get();
        overview.getChildren().clear();
        renderContents();
        if (row == null || e == null) {
            overview.add(new Label("Select a backup to see its details."), 0, 0);
            tables.getItems().clear();
            history.getItems().clear();
            return;
        }
        render(row, e);
    }

    private void render(BackupRow row, BackupEntry e) {
        overview.getChildren().clear();
        int r = 0;
        r = pair(r, "Backup", breakable(e.effectiveId()));
        copyMenu((Label) overview.getChildren().get(overview.getChildren().size() - 1), "Copy backup id", e.effectiveId());
        r = pair(r, "Status", row.status().text());
        r = pair(r, "Created", e.createdAt().getYear() < 1971 ? e.datetime()
                : e.createdAt().atZoneSameInstant(java.time.ZoneId.systemDefault())
                .format(java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss z")));
        r = pair(r, "Database", e.database() + (e.host() == null ? "" : " on " + e.host() + ":" + e.port()));
        r = pair(r, "Description", e.description());
        r = pair(r, "Tags", row.tags());
        r = pair(r, "File", breakable(e.file()) + (row.fileExists() ? "" : "  (missing!)"));
        fileName((Label) overview.getChildren().get(overview.getChildren().size() - 1), e);
        r = pair(r, "Size", e.sizeBytes() == null ? null : Sizes.bytes(e.sizeBytes()) + "  (" + String.format("%,d", e.sizeBytes()) + " bytes)");
        r = pair(r, "SHA-256", e.hash());
        if (e.hash() != null && !e.hash().isBlank()) {
            // Read character by character against sha256sum: monospace, and selected with a right click ▸ Copy.
            Label hash = (Label) overview.getChildren().get(overview.getChildren().size() - 1);
            hash.getStyleClass().add(Styles.MONO);
            copyMenu(hash, "Copy SHA-256", e.hash());
        }
        r = pair(r, "Encrypted", e.isEncrypted() ? "age (opens with the identity chosen in Encryption and email)" : null);
        r = pair(r, "Copies", e.copyList().isEmpty() ? null : dev.lifeboat.ui.copies.CopiesModel.tooltip(e.copyList()));
        r = pair(r, "Tables", e.tableCount() == null ? null : e.tableCount() + " tables, "
                + (e.totalRows() == null ? "rows unknown" : String.format("%,d rows", e.totalRows()))
                + (e.rowCountMethod() == null ? "" : " (" + e.rowCountMethod() + " counts)"));
        r = pair(r, "Server", e.serverVersion());
        r = pair(r, "pg_dump", e.pgDumpVersion());
        r = pair(r, "Database size", e.databaseSizeBytes() == null ? null : Sizes.bytes(e.databaseSizeBytes()));
        r = pair(r, "Took", e.durationSeconds() == null ? null : Sizes.seconds(e.durationSeconds()));
        r = pair(r, "TOC entries", e.tocEntries() == null ? null : e.tocEntries().toString());
        r = pair(r, "Migration", e.migration() == null ? null : e.migration().tool() + " " + e.migration().version());
        r = pair(r, "Roles saved", e.globals() == null ? null : e.globals().file() != null ? e.globals().file() : e.globals().warning());
        pair(r, "Owner", e.databaseSettings() == null ? null : e.databaseSettings().owner());
        // Changed items only, in place: the whole entry arrives after the row's summary, and resetting
        // the lists under the pointer would swallow a double-click on a past verification.
        update(tables.getItems(), e.tables() == null ? java.util.List.of() : e.tables());
        update(history.getItems(), e.verifications());
        if (contentsTab.isSelected()) {
            loadContents();
        }
    }

    /** The whole path on hover, and a right click ▸ Copy path. */
    private void fileName(Label value, BackupEntry e) {
        String path;
        try {
            path = ctx.manifest().store().fileOf(e).toString();
        } catch (RuntimeException outside) {
            path = e.file(); // an entry naming a file outside the folder: shown as written
        }
        value.setTooltip(new javafx.scene.control.Tooltip(path));
        copyMenu(value, "Copy path", path);
    }

    /**
     * An id or a file name is one word to the text layout, which broke it anywhere in a narrow pane
     * ("classlist_src_20261205_04114" / "4"): a hair space after each _ . - (too thin to see, but a space to
     * the layout, which a zero-width one is not) lets it wrap there instead. Copied, it is the name as it is.
     */
    static String breakable(String name) {
        return name == null ? null : name.replaceAll("([_.\\-])", "$1\u200A");
    }

    /** A right click on the value offers to copy {@code text} whole. */
    private static void copyMenu(Label value, String title, String text) {
        javafx.scene.control.MenuItem copy = new javafx.scene.control.MenuItem(title);
        copy.setOnAction(x -> {
            javafx.scene.input.ClipboardContent c = new javafx.scene.input.ClipboardContent();
            c.putString(text);
            javafx.scene.input.Clipboard.getSystemClipboard().setContent(c);
        });
        value.setContextMenu(new javafx.scene.control.ContextMenu(copy));
    }

    private static <T> void update(javafx.collections.ObservableList<T> shown, java.util.List<T> fresh) {
        if (shown.size() != fresh.size()) {
            shown.setAll(fresh);
            return;
        }
        for (int i = 0; i < fresh.size(); i++) {
            if (!java.util.Objects.equals(shown.get(i), fresh.get(i))) {
                shown.set(i, fresh.get(i));
            }
        }
    }

    private int pair(int row, String key, String value) {
        if (value == null || value.isBlank()) {
            return row;
        }
        Label k = new Label(key);
        k.getStyleClass().add(Styles.KEY);
        Label v = new Label(value);
        v.setWrapText(true);
        overview.add(k, 0, row);
        overview.add(v, 1, row);
        return row + 1;
    }

    /** The archive's contents as a tree (schema, then kind, then names), or why there are none. */
    private void renderContents() {
        if (model.contentsProperty().get() != null) {
            contents.setRoot(tree(model.contentsProperty().get()));
        } else if (model.contentsProblemProperty().get() != null) {
            TreeItem<String> root = new TreeItem<>("none");
            root.getChildren().add(new TreeItem<>(model.contentsProblemProperty().get()));
            contents.setRoot(root);
        } else {
            contents.setRoot(null);
        }
    }

    private void loadContents() {
        model.loadContents();
    }

    static TreeItem<String> tree(ArchiveToc toc) {
        Map<String, Map<String, TreeItem<String>>> bySchema = new TreeMap<>();
        TreeItem<String> root = new TreeItem<>("archive");
        for (TocEntry e : toc.entries()) {
            if (e.kind().equals("TABLE DATA") || e.kind().equals("SEQUENCE SET") || e.kind().equals("ACL")
                    || e.kind().equals("COMMENT")) {
                continue;
            }
            String schema = e.schema().equals("-") ? "(database)" : e.schema();
            Map<String, TreeItem<String>> kinds = bySchema.computeIfAbsent(schema, s -> new TreeMap<>());
            String kind = plural(e.kind());
            kinds.computeIfAbsent(kind, k -> new TreeItem<>(k)).getChildren().add(new TreeItem<>(e.name()));
        }
        bySchema.forEach((schema, kinds) -> {
            TreeItem<String> s = new TreeItem<>(schema);
            s.setExpanded(true);
            kinds.values().forEach(k -> {
                k.setValue(k.getValue() + " (" + k.getChildren().size() + ")");
                s.getChildren().add(k);
            });
            root.getChildren().add(s);
        });
        return root;
    }

    private static String plural(String kind) {
        String k = kind.toLowerCase();
        return switch (k) {
            case "index" -> "indexes";
            case "schema" -> "schemas";
            default -> k.endsWith("s") ? k : k + "s";
        };
    }
}
