package org.fairpath.examples;


import java.nio.file.Path;
import java.util.List;
import org.fairpath.core.JobseekerProfile;
import org.fairpath.core.log.DecisionLog;
import org.fairpath.core.log.LogRecord;
import org.fairpath.core.model.OutcomeModels;
import org.fairpath.core.review.ReasonCodes;
import org.fairpath.explain.notice.ContestChannel;
import org.fairpath.explain.notice.JobseekerNotice;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code fairpath notice}: the jobseeker notice of one logged decision, regenerated from the decision log, the bundle
 * and the profile, and refused (exit 1) unless it provably shows the explanation the record says was shown.
 */
@Command(name = "notice", mixinStandardHelpOptions = true,
        description = "Write the jobseeker notice of a logged decision (HTML page or text) in --lang, regenerated from"
                + " the log, the bundle and the profile; refused (exit 1) if the explanation differs from the one"
                + " the decision record says was shown.")
final class NoticeCommand extends Main.FairpathCommand {

    @Option(names = "--log", required = true, paramLabel = "FILE", description = "the decision log (JSON Lines)")
    Path log;

    @Option(names = "--sequence", required = true, paramLabel = "N", description = "the DECISION record's number")
    long sequence;

    @Option(names = "--bundle", required = true, paramLabel = "DIR", description = "the bundle that made the suggestion")
    Path bundle;

    @picocli.CommandLine.Mixin
    TrustOption trust;

    @Option(names = "--profile", required = true, paramLabel = "FILE",
            description = "the profile decided on (JSON); its hash must match the record's inputHash")
    Path profileFile;

    @Option(names = "--contact", required = true, paramLabel = "TEXT",
            description = "whom the jobseeker contacts to contest (office, address, telephone or e-mail; 1 to 200"
                    + " visible characters)")
    String contact;

    @Option(names = "--days", required = true, paramLabel = "N", description = "days allowed to contest, 1 to 365")
    int days;

    @Option(names = "--lang", paramLabel = "LANG", defaultValue = "en",
            description = "en, fr, de, nl or fi (default: ${DEFAULT-VALUE})")
    String lang;

    @Option(names = "--out", required = true, paramLabel = "FILE",
            description = "the notice: .html for the printable page, .txt for plain text")
    Path outFile;

    @Option(names = "--overwrite", description = "replace an existing --out file (never an input)")
    boolean overwrite;

    @Override
    public Integer call() throws Exception {
        if (!JobseekerNotice.languages().contains(lang)) {
            throw badOption("--lang", lang, String.join(", ", JobseekerNotice.languages()));
        }
        String name = outFile.getFileName() == null ? "" : outFile.getFileName().toString();
        if (!name.endsWith(".html") && !name.endsWith(".txt")) {
            throw new Main.UsageException("--out " + outFile + " must end in .html or .txt");
        }
        inRange("--sequence", sequence, 1, Long.MAX_VALUE);
        ContestChannel channel;
        try {
            channel = new ContestChannel(contact, days);
        } catch (IllegalArgumentException e) {
            throw new Main.UsageException(e.getMessage());
        }
        Main.requireRegularFile("--log", log);
        Main.requireRegularFile("--profile", profileFile);
        OutputPaths.refuseClashes(OutputPaths.named("--log", log, "--bundle", bundle, "--profile", profileFile),
                OutputPaths.named("--out", outFile));
        OutputPaths.refuseExisting("--out", outFile, overwrite);
        var verification = DecisionLog.verify(log);
        if (!verification.intact()) {
            err.println("fairpath notice: the log " + Main.safe(log) + " does not verify: "
                    + Main.safe(verification.problem()) + "; no notice is made from a tampered log");
            return 1;
        }
        List<LogRecord> records = DecisionLog.read(log);
        LogRecord record = records.stream().filter(r -> r.sequence() == sequence).findFirst().orElse(null);
        if (record == null) {
            throw new Main.UsageException("--sequence " + sequence + " is not a record of " + log);
        }
        OutcomeModels models = trust.load(bundle);
        var read = Profiles.read(models.schema(), profileFile, "notice", err);
        if (read.isEmpty()) {
            return 2;
        }
        JobseekerProfile profile = read.get();
        JobseekerNotice notice;
        try {
            notice = JobseekerNotice.replay(record, models, profile, channel, ReasonCodes.defaults(), lang);
        } catch (IllegalArgumentException | IllegalStateException e) {
            err.println("fairpath notice: " + Main.oneLine(e.getMessage()));
            return 1;
        }
        OutputPaths.writeString(outFile, overwrite, name.endsWith(".html") ? notice.html() : notice.text());
        out.println("Wrote the notice of decision " + sequence + " (" + lang + ") to " + Main.safe(outFile)
                + "; its explanation matches the record's explanationHash.");
        return 0;
    }

}
