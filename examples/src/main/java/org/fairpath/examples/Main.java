package org.fairpath.examples;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.Map;

/**
 * The {@code fairpath} command line: {@code java -jar fairpath.jar COMMAND [OPTIONS]}.
 *
 * <p>Every command prints its own {@code --help}. Bad arguments print one line saying what is wrong and what is
 * allowed, and exit with status 2; a failure while running exits with status 1.
 */
public final class Main {

    /** A command of the launcher. */
    interface Command {
        String summary();

        /** Runs with the arguments after the command name; returns the exit status. */
        int run(String[] args, PrintStream out, PrintStream err) throws Exception;
    }

    static final Map<String, Command> COMMANDS = Map.of("demo", new DemoCommand(), "audit", new AuditCommand(),
            "train", new TrainCommand(), "recommend", new RecommendCommand(), "verify-log", new VerifyLogCommand(),
            "explain", new ExplainCommand());

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h") || args[0].equals("help")) {
            usage(args.length == 0 ? err : out);
            return args.length == 0 ? 2 : 0;
        }
        Command c = COMMANDS.get(args[0]);
        if (c == null) {
            err.println("fairpath: unknown command '" + args[0] + "'; commands: " + COMMANDS.keySet().stream().sorted()
                    .toList() + " (try 'fairpath --help')");
            return 2;
        }
        try {
            return c.run(Arrays.copyOfRange(args, 1, args.length), out, err);
        } catch (UsageException e) {
            err.println("fairpath " + args[0] + ": " + e.getMessage());
            return 2;
        } catch (Exception e) {
            err.println("fairpath " + args[0] + ": " + e.getMessage());
            return 1;
        }
    }

    private static void usage(PrintStream out) {
        out.println("usage: fairpath COMMAND [OPTIONS]   (fairpath COMMAND --help for its options)");
        out.println();
        COMMANDS.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> out.printf("  %-10s %s%n", e.getKey(), e.getValue().summary()));
    }

    /** Bad command-line arguments: the message says what is wrong and what is allowed. */
    static final class UsageException extends Exception {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }
}
