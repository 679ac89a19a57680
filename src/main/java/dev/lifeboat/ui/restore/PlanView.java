package dev.lifeboat.ui.restore;

import dev.lifeboat.core.pg.Pg;
import dev.lifeboat.core.restore.RestorePlan;
import dev.lifeboat.core.restore.RestoreRequest;
import dev.lifeboat.core.restore.TableDiff;
import dev.lifeboat.ui.common.FxDialogService;
import dev.lifeboat.ui.common.Styles;
import dev.lifeboat.ui.common.Tables;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A restore plan as the wizard shows it: why it refuses first, the headline, the selection, the
 * numbered steps, the migration versions, the rows per table (differences first) and warnings.
 */
final class PlanView {
    /** Rows listed in the plan; a plan of thousands of tables lists the first (differences first) and counts the rest. */
    static final int ROWS_LISTED = 300;
    private static final double ROW_HEIGHT = 26;
    private static final double HEADER_HEIGHT = 40;

    private PlanView() {
    }

    static List<Node> nodes(RestorePlan p, String headline, RestoreRequest planned) {
        List<Node> nodes = new ArrayList<>();
        // Why it refuses comes first: that is what the person must act on.
        p.refusals().forEach(x -> nodes.add(problem((x.message() + " " + FxDialogService.remedy(x.remedy())).strip())));
        Label title = new Label(headline);
        title.setId("planTitle");
        title.setWrapText(true);
        title.getStyleClass().add(Styles.SECTION_TITLE);
        nodes.add(title);
        if (planned != null && planned.selective()) {
            List<String> what = new ArrayList<>(planned.tables());
            planned.schemas().forEach(sc -> what.add("schema " + sc));
            Label only = new Label("Only: " + String.join(", ", what));
            only.setId("planSelection");
            only.setWrapText(true);
            nodes.add(only);
        }
        int i = 1;
        for (String s : p.steps()) {
            Label l = new Label(i++ + ". " + s);
            l.setWrapText(true);
            nodes.add(l);
        }
        if (p.migrationNow() != null || p.migrationInBackup() != null) {
            Label migration = new Label("Migration version: now " + orNone(p.migrationNow()) + ", in the backup "
                    + orNone(p.migrationInBackup()));
            migration.setId("planMigration");
            nodes.add(migration);
        }
        if (p.targetExists() && !p.tables().isEmpty()) {
            nodes.add(rowsTitle(p.tables()));
            List<TableDiff> sorted = p.tables().stream().sorted(Comparator.comparing(PlanView::same)).toList();
            nodes.add(diffTable(sorted.subList(0, Math.min(ROWS_LISTED, sorted.size()))));
            if (sorted.size() > ROWS_LISTED) {
                nodes.add(notListed(sorted.subList(ROWS_LISTED, sorted.size())));
            }
        }
        p.warnings().forEach(w -> nodes.add(new Label("\u26A0 " + w)));
        return nodes;
    }

    private static Label rowsTitle(List<TableDiff> tables) {
        long differ = tables.stream().filter(d -> !same(d)).count();
        // Short headers: under Xvfb the wizard opened 600 wide whatever its pane asked for.
        Label rows = new Label("Rows per table, now and in the backup: "
                + (differ == 0 ? "all the same" : differ + " of " + tables.size() + " differ, listed first"));
        rows.setId("planRowsTitle");
        rows.setWrapText(true);
        rows.getStyleClass().add(Styles.SECTION_TITLE);
        return rows;
    }

    /**
     * The rows per table, every row in view: the plan's own scroll pane is the one scroll (a table
     * that scrolled inside it caught the wheel half-way down the plan). Rows are a fixed height, so
     * the table is exactly as tall as its rows.
     */
    private static TableView<TableDiff> diffTable(List<TableDiff> tables) {
        TableView<TableDiff> diff = new TableView<>();
        diff.setId("planTables");
        diff.getColumns().add(Tables.whole(Tables.column("Table", 240,
                d -> Pg.identIfNeeded(d.schema()) + "." + Pg.identIfNeeded(d.name()))));
        diff.getColumns().add(Tables.column("Now", 90, d -> d.rowsNow() == null ? "\u2013" : String.format("%,d", d.rowsNow())));
        diff.getColumns().add(Tables.column("In backup", 100, d -> d.rowsInBackup() == null ? "\u2013" : String.format("%,d", d.rowsInBackup())));
        diff.getColumns().add(Tables.column("Change", 180, TableDiff::change));
        // What the restore changes is what a DBA looks for: those rows first (the caller sorts them).
        diff.getItems().setAll(tables);
        // The four columns share the dialog's width: no header is cut at the default size.
        diff.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY);
        diff.setFixedCellSize(ROW_HEIGHT);
        diff.setPrefHeight(HEADER_HEIGHT + ROW_HEIGHT * tables.size());
        diff.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        diff.setMaxHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        // The header's height depends on the theme and font: once drawn, the table is fitted to it exactly.
        diff.skinProperty().addListener((o, a, skin) -> {
            if (diff.lookup(".column-header-background") instanceof javafx.scene.layout.Region header) {
                header.heightProperty().addListener((h, was, height) -> diff.setPrefHeight(height.doubleValue()
                        + ROW_HEIGHT * tables.size() + diff.snappedTopInset() + diff.snappedBottomInset() + 1));
            }
        });
        return diff;
    }

    /** Past the rows listed, how many more tables there are and how many of them differ. */
    private static Label notListed(List<TableDiff> rest) {
        long differ = rest.stream().filter(d -> !same(d)).count();
        Label more = new Label(String.format("%,d more tables not listed: ", rest.size())
                + (differ == 0 ? "their rows are the same now and in the backup."
                : String.format("%,d of them differ, %,d the same.", differ, rest.size() - differ)));
        more.setId("planRowsNotListed");
        more.setWrapText(true);
        return more;
    }

    private static boolean same(TableDiff d) {
        return d.rowsNow() != null && d.rowsNow().equals(d.rowsInBackup());
    }

    private static String orNone(String version) {
        return version == null ? "none recorded" : version;
    }

    static Label problem(String text) {
        Label l = new Label("\u2716 " + text);
        l.setWrapText(true);
        l.getStyleClass().add(Styles.PROBLEM);
        return l;
    }
}
