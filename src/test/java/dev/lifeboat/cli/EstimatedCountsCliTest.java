package dev.lifeboat.cli;

import dev.lifeboat.testsupport.PgExtension;
import dev.lifeboat.testsupport.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(PgExtension.class)
class EstimatedCountsCliTest {
    @TempDir
    Path folder;

    @Test
    void estimatesOfNeverAnalysedTablesAreUnknownNotNull(TestDatabase db) {
        db.execute("CREATE TABLE public.fresh (id int)", "INSERT INTO public.fresh SELECT generate_series(1, 10)");
        String uri = "postgresql://" + db.spec().user() + ":" + URLEncoder.encode(db.spec().password().orElseThrow(),
                StandardCharsets.UTF_8) + "@" + db.spec().host() + ":" + db.spec().port() + "/" + db.name();
        String out = CliAccess.run("--folder", folder.toString(), "backup", "--db", uri, "--estimated-counts");
        assertTrue(out.startsWith("0\n"), out);
        assertFalse(out.contains("null"), out);
        assertTrue(out.contains("rows unknown"), out);
    }
}
