package dev.lifeboat.ui.manifest;

import dev.lifeboat.core.manifest.CatalogFixtures;
import dev.lifeboat.ui.common.SameThreadExecutor;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.TableColumn;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.util.WaitForAsyncUtils;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The selected backup stays selected through a sort of a large folder, and the table's selected item
 * (what the details pane follows, reading the whole entry on each change) does not change meanwhile,
 * not even to none for a moment while the shown rows are replaced.
 */
class SelectedRowTest {
    @BeforeAll
    static void toolkit() throws Exception {
        org.testfx.api.FxToolkit.registerPrimaryStage();
    }

    @Test
    void aSortKeepsTheSelectedRowWithoutAChange() throws Exception {
        ManifestModel model = new ManifestModel(new SameThreadExecutor());
        List<BackupRow> rows = new ArrayList<>();
        for (int i = RowView.AT_ONCE + 500; i >= 0; i--) {
            rows.add(BackupRow.of(CatalogFixtures.realistic(i).withTables(null), true));
        }
        ManifestView view = onFx(() -> {
            ManifestView v = new ManifestView(model, new ContextMenu(), r -> { });
            model.rows().setAll(rows);
            return v;
        });
        List<BackupRow> seen = new ArrayList<>();
        BackupRow picked = onFx(() -> {
            view.table().getSelectionModel().select(5);
            view.table().getSelectionModel().selectedItemProperty().addListener((o, a, r) -> seen.add(r));
            return view.table().getSelectionModel().selectedItemProperty().get();
        });
        assertEquals(rows.get(5), picked);
        for (TableColumn.SortType type : TableColumn.SortType.values()) {
            onFx(() -> {
                TableColumn<BackupRow, ?> size = view.table().getColumns().stream().filter(c -> "Size".equals(c.getText())).findFirst().orElseThrow();
                size.setSortType(type);
                view.table().getSortOrder().setAll(List.of(size));
                return null;
            });
            WaitForAsyncUtils.waitForFxEvents();
            assertEquals(picked, onFx(() -> view.table().getSelectionModel().getSelectedItem()), "selected again after the sort");
            assertTrue(seen.isEmpty(), "the selected item never changed, not even to none: " + seen);
        }
        onFx(() -> {
            view.table().getSelectionModel().clearSelection();
            return null;
        });
        assertNull(onFx(() -> view.table().getSelectionModel().selectedItemProperty().get()), "a selection cleared by a person is followed");
    }

    private static <T> T onFx(Callable<T> work) throws Exception {
        T value = WaitForAsyncUtils.asyncFx(work).get(30, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents();
        return value;
    }
}
