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
            nodes.add(diffTable(p.tables()));
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

    private static TableView<TableDiff> diffTable(List<TableDiff> tables) {
        TableView<TableDiff> diff = new TableView<>();
        diff.setId("planTables");
        diff.getColumns().add(Tables.column("Table", 240, TableDiff::qualifiedName));
        diff.getColumns().add(Tables.column("Now", 90, d -> d.rowsNow() == null ? "\u2013" : String.format("%,d", d.rowsNow())));
        diff.getColumns().add(Tables.column("In backup", 100, d -> d.rowsInBackup() == null ? "\u2013" : String.format("%,d", d.rowsInBackup())));
        diff.getColumns().add(Tables.column("Change", 180, TableDiff::change));
        // What the restore changes is what a DBA looks for: those rows first, else in core's order.
        diff.getItems().setAll(tables.stream().sorted(Comparator.comparing(PlanView::same)).toList());
        // The four columns share the dialog's width: no header is cut at the default size.
        diff.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY);
        diff.setPrefHeight(Math.min(220, 30 + 25 * tables.size()));
        return diff;
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
