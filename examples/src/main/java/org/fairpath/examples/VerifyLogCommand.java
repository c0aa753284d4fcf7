package org.fairpath.examples;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.fairpath.core.log.DecisionLog;
import org.fairpath.core.log.Verification;

/** {@code fairpath verify-log FILE}: checks every record of a decision log and the chain between them. */
final class VerifyLogCommand implements Main.Command {

    @Override
    public String summary() {
        return "check a decision log's records and hash chain; exit 1 if anything was changed";
    }

    @Override
    public int run(String[] args, PrintStream out, PrintStream err) throws Exception {
        if (args.length == 1 && (args[0].equals("--help") || args[0].equals("-h"))) {
            out.println("usage: fairpath verify-log FILE");
            out.println("  FILE  a fairpath decision log (JSON Lines); exit status 0 when intact, 1 when not");
            return 0;
        }
        if (args.length != 1) {
            throw new Main.UsageException("expects exactly one FILE, the decision log to verify; got " + args.length
                    + " arguments");
        }
        if (args[0].startsWith("--")) {
            throw new Main.UsageException("unknown option '" + args[0] + "'; allowed: --help");
        }
        Path file = Path.of(args[0]);
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
