package org.fairpath.examples;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.fairpath.core.JobseekerProfile;
import org.fairpath.core.log.DecisionLog;
import org.fairpath.core.log.LogRecord;
import org.fairpath.core.model.OutcomeModels;
import org.fairpath.core.review.CounsellorDecision;
import org.fairpath.core.review.ReasonCodes;
import org.fairpath.core.review.Review;
import org.fairpath.core.review.ReviewDesk;
import org.fairpath.explain.notice.ContestChannel;
import org.fairpath.explain.notice.CounsellorCard;
import org.fairpath.explain.notice.DecisionFacts;
import org.fairpath.explain.notice.ExplanationPayload;
import org.fairpath.explain.notice.JobseekerNotice;

/**
 * The demo's sample of issue 17: one decision recorded with the hash of the explanation shown, its counsellor card,
 * its jobseeker notice, and the profile, so {@code fairpath notice} can regenerate the notice from the log.
 */
final class DemoNotice {

    /** The contest channel the demo's notice shows (a made-up office). */
    static final ContestChannel CONTACT = new ContestChannel("Employment office (demo), tel. 0000 000 000", 30);

    private final JobseekerProfile profile;
    private final ExplanationPayload payload;
    private final long sequence;

    private DemoNotice(JobseekerProfile profile, ExplanationPayload payload, long sequence) {
        this.profile = profile;
        this.payload = payload;
        this.sequence = sequence;
    }

    /** Decides {@code review} keeping the explanation's hash in the record. */
    static DemoNotice decide(ReviewDesk desk, Review review, OutcomeModels models, CounsellorDecision decision)
            throws IOException {
        ExplanationPayload p = ExplanationPayload.compute(models, review.profile());
        long seq = desk.decide(review, decision, p.sha256()).sequence();
        return new DemoNotice(review.profile(), p, seq);
    }

    /** Writes notice.html, notice.txt, card.html and notice-profile.json into {@code outDir}. */
    void write(Path logFile, OutcomeModels models, Path outDir, PrintStream out) throws IOException {
        LogRecord record = DecisionLog.read(logFile).stream().filter(r -> r.sequence() == sequence).findFirst()
                .orElseThrow(() -> new IllegalStateException("decision " + sequence + " is not in " + logFile));
        JobseekerNotice n = JobseekerNotice.of(payload, DecisionFacts.of(record), CONTACT, models,
                ReasonCodes.defaults(), "en");
        Files.writeString(outDir.resolve("notice.html"), n.html(), StandardCharsets.UTF_8);
        Files.writeString(outDir.resolve("notice.txt"), n.text(), StandardCharsets.UTF_8);
        Files.writeString(outDir.resolve("card.html"), CounsellorCard.of(payload, models, false, "en").html(),
                StandardCharsets.UTF_8);
        Files.writeString(outDir.resolve("notice-profile.json"), profile.toJson(), StandardCharsets.UTF_8);
        out.println("Decision " + sequence + " keeps the hash of the explanation shown; its notice is "
                + Main.safe(outDir.resolve("notice.html")) + " (and .txt), the counsellor card "
                + Main.safe(outDir.resolve("card.html")) + ". Regenerate the notice from the log with 'fairpath"
                + " notice --log " + Main.safe(logFile) + " --sequence " + sequence + " --bundle "
                + Main.safe(outDir.resolve("model-bundle")) + " --profile "
                + Main.safe(outDir.resolve("notice-profile.json")) + " --contact \"" + CONTACT.contact()
                + "\" --days 30 --lang fr --out notice-fr.html'");
    }
}
