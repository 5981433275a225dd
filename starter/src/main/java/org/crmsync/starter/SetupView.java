package org.crmsync.starter;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import org.crmsync.workflows.setup.SalespersonMatch;
import org.crmsync.workflows.setup.SetupProgress;
import org.crmsync.workflows.setup.SetupWorkflow;
import org.crmsync.workflows.setup.StepStatus;
import org.crmsync.workflows.setup.StepView;

/** The setup guide in the terminal: its steps as they change, and what it waits for. */
public final class SetupView {

    private static final long POLL_MILLIS = 300;

    private SetupView() {
    }

    /**
     * Prints steps as they change until the guide needs someone or is done; 0 when done, 1 otherwise.
     *
     * @param shown steps as the user saw them last, which are not printed again
     */
    public static int follow(SetupWorkflow setup, List<StepView> shown) throws InterruptedException {
        while (true) {
            SetupProgress progress = setup.progress();
            if (progress != null) {
                for (StepView step : progress.steps()) {
                    if (!shown.contains(step) && step.status() != StepStatus.PENDING) {
                        System.out.println(line(step));
                    }
                }
                shown = progress.steps();
                if (progress.status() != StepStatus.RUNNING) {
                    System.out.println("Setup of " + progress.profile() + ": " + progress.status());
                    printSalespeople(System.out, progress);
                    return progress.status() == StepStatus.DONE ? 0 : 1;
                }
            }
            Thread.sleep(POLL_MILLIS);
        }
    }

    public static void print(PrintStream out, SetupProgress progress) {
        out.println("Setup of " + progress.profile() + ": " + progress.status());
        progress.steps().forEach(step -> out.println("  " + line(step)));
        printSalespeople(out, progress);
    }

    private static void printSalespeople(PrintStream out, SetupProgress progress) {
        if (!progress.salespeople().unmatched().isEmpty()) {
            out.println("Salespeople with no CRM user of their e-mail:");
            progress.salespeople().unmatched().forEach(s -> out.printf("  %-10s %-28s %s%n", s.code(), s.name(), s.email()));
            out.println("CRM users free to pair:");
            progress.salespeople().freeUsers().forEach(u -> out.printf("  %-39s %s%n", u.name(), u.email()));
            SalespersonMatch.Salesperson first = progress.salespeople().unmatched().get(0);
            out.println("Pair or skip them: crmsync setup couple-salespersons --profile " + progress.profile()
                    + " --pair " + first.code() + "=<user e-mail> --skip <CODE,…>");
        }
    }

    private static String line(StepView step) {
        return String.format(Locale.ROOT, "%-17s %-36s %s", step.status(), step.step().label(), step.message());
    }
}
