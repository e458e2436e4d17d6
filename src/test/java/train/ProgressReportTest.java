package train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class ProgressReportTest {

    private static String run(boolean terminal) {
        StringWriter text = new StringWriter();
        ProgressReport progress = new ProgressReport(new PrintWriter(text), terminal, 2);
        for (int step = 1; step <= 5; step++) {
            progress.update(step, 5, 0.5 / step, 1e-3, 2.0);
            if (step == 4) {
                progress.message("step 4: eval loss 0.1");
            }
        }
        return text.toString();
    }

    @Test
    void outsideATerminalItPrintsPlainLinesEveryNStepsAndTheLast() {
        String nl = System.lineSeparator();
        assertEquals("step 2/5  loss 0.25000  lr 1.00e-03  2.00 steps/s  ETA 2s" + nl
                + "step 4/5  loss 0.12500  lr 1.00e-03  2.00 steps/s  ETA 1s" + nl
                + "step 4: eval loss 0.1" + nl
                + "step 5/5  loss 0.10000  lr 1.00e-03  2.00 steps/s  ETA 0s" + nl, run(false));
    }

    @Test
    void onATerminalOneLineIsRedrawnWithABarAndEndsWithANewline() {
        String out = run(true);
        assertEquals(7, out.split("\r", -1).length, out); // one carriage return per step and per message
        assertTrue(out.contains("\r[====>               ]  20% step 1/5  loss 0.50000"), out);
        assertTrue(out.contains("\rstep 4: eval loss 0.1\u001b[K" + System.lineSeparator()), out);
        assertTrue(out.endsWith("[====================] 100% step 5/5  loss 0.10000  lr 1.00e-03  2.00 steps/s  ETA 0s\u001b[K"
                + System.lineSeparator()), out);
    }
}
