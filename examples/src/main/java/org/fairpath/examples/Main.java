package org.fairpath.examples;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.fairpath.core.Fairpath;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The {@code fairpath} command line: {@code java -jar fairpath.jar COMMAND [OPTIONS]}.
 *
 * <p>Every command is parsed by picocli and behaves alike: {@code --help} on each, exit status 0 when it did its
 * job, 1 when a check failed or the work could not be done, 2 for a usage error (an unknown, missing, repeated or
 * invalid option), 3 when a command that judges something found what the caller asked it to fail on. Every error is
 * one line on standard error, {@code fairpath COMMAND: what is wrong}, never a stack trace.
 */
@Command(name = "fairpath", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Suggests services for jobseekers (always for a counsellor to decide), explains them, and"
                + " audits suggestions and decisions for group disparities.",
        synopsisSubcommandLabel = "COMMAND")
public final class Main implements Runnable {

    /** The exit status when a command found what the caller asked it to fail on (e.g. an audit finding). */
    static final int FINDINGS = 3;

    @Spec
    CommandSpec spec;

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        try {
            return commandLine(out, err).execute(args);
        } catch (OutOfMemoryError e) {
            // picocli passes Errors through; the work was abandoned, so its memory is free again for one line
            err.println(outOfMemory(args, Runtime.getRuntime().maxMemory()));
            return CommandLine.ExitCode.SOFTWARE;
        }
    }

    /** The one line said when a command ran out of memory: what happened, and what to do. */
    static String outOfMemory(String[] args, long maxHeap) {
        String command = args.length > 0 && !args[0].startsWith("-") ? "fairpath " + safe(args[0]) : "fairpath";
        return command + ": out of memory (the Java heap is limited to " + (maxHeap >> 20) + " MiB); the command"
                + " stopped. Give Java more with -Xmx (e.g. java -Xmx4g -jar fairpath.jar ...)"
                + (command.equals("fairpath audit") ? ", or lower --max-distinct so that a column of ids is refused"
                + " early" : "");
    }

    /** The launcher with every command, printing to {@code out} and {@code err}. */
    static CommandLine commandLine(PrintStream out, PrintStream err) {
        CommandLine cl = new CommandLine(new Main());
        for (FairpathCommand c : List.of(new AllocateCommand(), new AuditCommand(), new DemoCommand(),
                new ExplainCommand(), new ImportModelCommand(), new KeygenCommand(), new MergeCountsCommand(),
                new MonitorCommand(), new NoticeCommand(), new RecommendCommand(),
                new SignCommand(), new SignHeadCommand(), new TrainCommand(), new VerifyLogCommand())) {
            c.out = SafePrintStream.of(out);
            c.err = SafePrintStream.of(err);
            cl.addSubcommand(c);
        }
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
        cl.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
        cl.setParameterExceptionHandler((e, a) -> {
            CommandLine c = e.getCommandLine();
            String message = e.getMessage();
            if (e instanceof CommandLine.UnmatchedArgumentException u) {
                List<String> unmatched = u.getUnmatched();
                String first = unmatched.isEmpty() ? "" : unmatched.get(0);
                boolean command = c.getParent() == null && !first.startsWith("-");
                List<String> names = command ? List.copyOf(c.getSubcommands().keySet())
                        : c.getCommandSpec().options().stream().map(CommandLine.Model.OptionSpec::longestName)
                                .sorted().toList();
                message = "unknown " + (command ? "command" : "option") + " '" + first + "'; "
                        + (command ? "commands: " : "options: ") + names;
                // the library's one edit distance (a swap of neighbours is one edit: "dmeo" is "demo")
                String near = org.fairpath.core.Names.nearest(command ? first : first.split("=", 2)[0], names);
                if (near != null) {
                    message += "; did you mean " + near + "?";
                }
            }
            c.getErr().println(prefix(c) + ": " + oneLine(message) + " (see '" + c.getCommandSpec().qualifiedName()
                    + " --help')");
            return CommandLine.ExitCode.USAGE;
        });
        cl.setExecutionExceptionHandler((e, c, parsed) -> {
            c.getErr().println(prefix(c) + ": " + oneLine(describe(e)));
            return e instanceof UsageException ? CommandLine.ExitCode.USAGE : CommandLine.ExitCode.SOFTWARE;
        });
        return cl;
    }

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "a command is needed; commands: "
                + spec.subcommands().keySet());
    }

    /**
     * What went wrong, in words: a file-system error's own message is often only the path, so it is said what
     * happened to that path.
     */
    static String describe(Throwable e) {
        if (e instanceof java.nio.file.FileSystemException f) {
            String what = f instanceof java.nio.file.NoSuchFileException ? "does not exist (or a directory on its way"
                    + " does not)"
                    : f instanceof java.nio.file.FileAlreadyExistsException ? "already exists (as a file or"
                    + " directory); choose another name"
                    : f instanceof java.nio.file.NotDirectoryException ? "is not a directory"
                    : f instanceof java.nio.file.AccessDeniedException ? "cannot be accessed: permission denied"
                    : f instanceof java.nio.file.DirectoryNotEmptyException ? "is a directory that is not empty"
                    : "cannot be used" + (f.getReason() == null ? "" : ": " + f.getReason());
            return f.getFile() + " " + what + (f.getOtherFile() == null ? "" : " (with " + f.getOtherFile() + ")");
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /**
     * Refuses (usage error) a path that is not a regular file, saying what it is instead: missing, a directory, or
     * a device, FIFO or socket (e.g. /dev/zero, /dev/stdin). Only file attributes are read, so a FIFO never blocks.
     */
    static void requireRegularFile(String what, java.nio.file.Path p) throws UsageException {
        if (java.nio.file.Files.isRegularFile(p)) {
            return;
        }
        String is = !java.nio.file.Files.exists(p) ? (java.nio.file.Files.exists(p,
                java.nio.file.LinkOption.NOFOLLOW_LINKS) ? "is a link to nothing" : "does not exist")
                : java.nio.file.Files.isDirectory(p) ? "is a directory"
                : "is not a regular file (a device, FIFO, socket or the like)";
        throw new UsageException(what + " " + p + " " + is + "; a regular file is needed");
    }

    private static String prefix(CommandLine c) {
        return c.getCommandSpec().qualifiedName();
    }

    /**
     * Keeps an error to one line: a line break (which many libraries put in their messages) becomes a space, every
     * other control, bidi or invisible character a visible escape as in {@link #safe(Object)}.
     */
    static String oneLine(String s) {
        return safe(s.replace('\n', ' '), false);
    }

    /**
     * Text from a file or the user, safe to print on one line: every control character (line breaks, carriage
     * return, escape, ...), bidirectional and other invisible format character, line or paragraph separator,
     * unusual space, private-use or unassigned code point is shown as {@code \\uXXXX}. The one helper through which
     * every command's output goes ({@link SafePrintStream}).
     */
    static String safe(Object text) {
        return safe(String.valueOf(text), false);
    }

    /** As {@link #safe(Object)}; with {@code keepLineBreaks}, {@code \n} passes (for whole lines of output). */
    static String safe(String s, boolean keepLineBreaks) {
        StringBuilder b = null;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            int next = i + Character.charCount(cp);
            boolean escape = !(keepLineBreaks && cp == '\n') && unsafe(cp);
            if (escape && b == null) {
                b = new StringBuilder(s.length() + 16).append(s, 0, i);
            }
            if (escape) {
                b.append(String.format(Locale.ROOT, "\\u%04X", cp));
            } else if (b != null) {
                b.appendCodePoint(cp);
            }
            i = next;
        }
        return b == null ? s : b.toString();
    }

    private static boolean unsafe(int cp) {
        int t = Character.getType(cp);
        return Character.isISOControl(cp) || t == Character.FORMAT || t == Character.LINE_SEPARATOR
                || t == Character.PARAGRAPH_SEPARATOR || t == Character.SURROGATE || t == Character.PRIVATE_USE
                || t == Character.UNASSIGNED || t == Character.SPACE_SEPARATOR && cp != ' ';
    }

    /** What every command shares: its output streams and the picocli spec for usage errors. */
    abstract static class FairpathCommand implements Callable<Integer> {
        PrintStream out;
        PrintStream err;

        @Spec
        CommandSpec spec;

        /** A usage error naming {@code option}, its value and what is allowed; exit status 2. */
        ParameterException badOption(String option, Object value, String allowed) {
            return new ParameterException(spec.commandLine(), option + " is '" + value + "'; allowed: " + allowed);
        }

        /** {@code value}, or a usage error when it is outside [{@code min}, {@code max}]. */
        long inRange(String option, long value, long min, long max) {
            if (value < min || value > max) {
                throw badOption(option, value, "a whole number from " + min + " to " + max);
            }
            return value;
        }
    }

    /** Bad command-line arguments found while running: the message says what is wrong and what is allowed. */
    static final class UsageException extends Exception {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }

    /** {@code fairpath --version}. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"fairpath " + Fairpath.VERSION};
        }
    }
}
