package org.fairpath.examples;

import java.nio.file.Files;
import java.nio.file.Path;
import org.fairpath.core.log.DecisionLog;
import org.fairpath.core.log.Verification;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code fairpath verify-log FILE}: checks every record of a decision log and the chain between them. */
@Command(name = "verify-log", mixinStandardHelpOptions = true,
        description = "Check a decision log's records and hash chain; exit 1 if anything was changed.")
final class VerifyLogCommand extends Main.FairpathCommand {

    @Parameters(arity = "1", paramLabel = "FILE",
            description = "a fairpath decision log (JSON Lines); exit status 0 when intact, 1 when not")
    Path file;

    @Override
    public Integer call() throws Exception {
        if (!Files.isRegularFile(file)) {
            throw new Main.UsageException("no such file: " + file);
        }
        Verification v = DecisionLog.verify(file);
        if (v.intact()) {
            out.println("intact: " + v.records() + " records, chain verified (" + file + ")");
            return 0;
        }
        out.println("NOT intact: " + v.problem() + (v.firstBadSequence().isPresent() ? " (first bad sequence "
                + v.firstBadSequence().getAsLong() + ")" : "") + "; " + v.records() + " records verified before it");
        return 1;
    }
}
