package dev.lifeboat.ui.operations;

import dev.lifeboat.core.operations.OperationRecord;
import dev.lifeboat.core.operations.OperationsLog;
import dev.lifeboat.ui.common.SameThreadExecutor;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The History screen's model without a window: newest first, and which rollback points still exist. */
class HistoryModelTest {
    @TempDir
    Path folder;

    @BeforeAll
    static void toolkit() throws Exception {
        org.testfx.api.FxToolkit.registerPrimaryStage();
    }

    private static OperationRecord op(String id, String kind, String started, String outcome, String point, String refersTo) {
        return new OperationRecord(id, kind, "b", "host=localhost", "ledger", "replace", started, started, outcome, "m",
                point, null, refersTo, 1.0, null, null);
    }

    @Test
    void newestFirstAndAPointIsLiveUntilARollbackOrDiscardOfItSucceeded() throws Exception {
        OperationsLog log = new OperationsLog(folder);
        log.append(op("op_a", OperationRecord.RESTORE, "2026-12-01T10:00:00Z", OperationRecord.SUCCEEDED, "p_a", null));
        log.append(op("op_b", OperationRecord.RESTORE, "2026-12-02T10:00:00Z", OperationRecord.SUCCEEDED, "p_b", null));
        log.append(op("op_c", OperationRecord.DISCARD, "2026-12-03T10:00:00Z", OperationRecord.SUCCEEDED, "p_a", "op_a"));
        log.append(op("op_d", OperationRecord.ROLLBACK, "2026-12-04T10:00:00Z", OperationRecord.FAILED, "p_b", "op_b"));
        HistoryModel m = new HistoryModel(new SameThreadExecutor());
        WaitForAsyncUtils.asyncFx(() -> m.load(log)).get(30, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(List.of("op_d", "op_c", "op_b", "op_a"), m.rows().stream().map(r -> r.record().id()).toList());
        assertEquals(List.of(false, false, true, false), m.rows().stream().map(HistoryModel.Row::rollbackLive).toList(),
                "op_a's point was discarded; op_b's rollback failed, so its point is still there");
    }
}
