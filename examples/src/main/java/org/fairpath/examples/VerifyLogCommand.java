package org.fairpath.examples;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import org.fairpath.core.log.Anchors;
import org.fairpath.core.log.DecisionLog;
import org.fairpath.core.log.Head;
import org.fairpath.core.log.Verification;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code fairpath verify-log FILE [--expect SEQ:HASH] [--anchor FILE --trust KEY.pub]}: checks every record of a
 * decision log and the chain between them, and optionally that a published or signed head is in it.
 */
@Command(name = "verify-log", mixinStandardHelpOptions = true,
        description = {"Check a decision log's records and hash chain, and print its head (SEQ:HASH).",
            "Exit 0 when intact, 1 on any mismatch, 2 for a usage error.",
            "The chain alone cannot see records cut from the end or a log rewritten with new hashes:"
                    + " give a head published earlier (--expect) or a signed head file (--anchor with --trust)."})
final class VerifyLogCommand extends Main.FairpathCommand {

    @Parameters(arity = "1", paramLabel = "FILE", description = "a fairpath decision log (JSON Lines)")
    Path file;

    @Option(names = "--expect", paramLabel = "SEQ:HASH", converter = HeadConverter.class,
            description = "a head published earlier: record SEQ must be in the log with hash HASH")
    Head expect;

    @Option(names = "--anchor", paramLabel = "FILE",
            description = "a signed head file (fairpath sign-head); needs --trust")
    Path anchor;

    @Option(names = "--trust", paramLabel = "KEY.pub",
            description = "the deployment's Ed25519 public key: checks the anchor's signature and refuses a"
                    + " starting CHECKPOINT it did not sign")
    Path trust;

    @Override
    public Integer call() throws Exception {
        Main.requireRegularFile("FILE", file);
        if (anchor != null && trust == null) {
            throw badOption("--anchor", anchor, "only with --trust KEY.pub, the key that signed it");
        }
        if (anchor != null && expect != null) {
            throw badOption("--expect", expect, "either --expect or --anchor, not both");
        }
        PublicKey key = null;
        if (trust != null) {
            try {
                key = Anchors.readPublicKey(trust);
            } catch (java.io.IOException | IllegalArgumentException e) {
                throw new Main.UsageException("--trust: " + Main.safe(e.getMessage()));
            }
        }
        Head expected = expect;
        if (anchor != null) {
            Main.requireRegularFile("--anchor", anchor);
            try {
                expected = Anchors.readSignedHead(anchor, key).head();
            } catch (java.nio.file.NoSuchFileException e) {
                throw new Main.UsageException("--anchor: no such file: " + anchor);
            } catch (IllegalArgumentException e) {
                out.println("NOT intact: " + Main.safe(e.getMessage()) + HeadFiles.why(anchor));
                return 1;
            }
        }
        Verification v = DecisionLog.verify(file, expected, key);
        if (v.intact()) {
            out.println("intact: " + v.records() + " records, chain verified"
                    + (expected == null || !v.note().isEmpty() ? "" : ", holds the expected head "
                            + expected.sequence())
                    + (key == null ? "" : LogFacts.purgedThrough(file).isPresent()
                            ? ", its CHECKPOINT signed by the trusted key" : ", no checkpoints (never purged)")
                    + "; head " + v.head() + " (" + Main.safe(file) + ")");
            if (!v.note().isEmpty()) {
                out.println("note: " + Main.safe(v.note()));
            }
            return 0;
        }
        out.println("NOT intact: " + Main.safe(v.problem()) + (v.firstBadSequence().isPresent() ? " (first bad sequence "
                + v.firstBadSequence().getAsLong() + ")" : "") + "; " + v.records() + " records verified before it;"
                + " head of the verified part " + v.head());
        return 1;
    }

    /** Parses SEQ:HASH, with a usage error that says what is expected. */
    static final class HeadConverter implements picocli.CommandLine.ITypeConverter<Head> {
        @Override
        public Head convert(String value) {
            try {
                return Head.parse(value);
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }
}
