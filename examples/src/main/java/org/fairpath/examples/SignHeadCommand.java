package org.fairpath.examples;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Instant;
import org.fairpath.core.log.Anchors;
import org.fairpath.core.log.DecisionLog;
import org.fairpath.core.log.Verification;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code fairpath sign-head LOG --key KEY --public KEY.pub --out HEAD.sig}: verifies a decision log and writes its
 * head, signed with the deployment's Ed25519 key, to a file kept apart from the log; {@code --new-keys} first
 * creates the key pair.
 */
@Command(name = "sign-head", mixinStandardHelpOptions = true,
        description = {"Verify a decision log and write its head (SEQ:HASH, time) signed with an Ed25519 key.",
            "Keep the key and the signed heads apart from the log; check later with"
                    + " 'fairpath verify-log LOG --anchor HEAD.sig --trust KEY.pub'.",
            "Exit 0 when written, 1 if the log does not verify (nothing is signed), 2 for a usage error.",
            "A log purged without checkpoint keys is refused ('CHECKPOINT N is not signed by the trusted key'):"
                    + " nothing vouches for its start, and that cannot be signed after the fact. Check it with"
                    + " 'fairpath verify-log LOG' and keep the head it prints (check later with --expect SEQ:HASH);"
                    + " for signed heads, give the writer checkpoint keys (DecisionLog.options().checkpointKeys)"
                    + " before it purges."})
final class SignHeadCommand extends Main.FairpathCommand {

    @Parameters(arity = "1", paramLabel = "LOG", description = "the decision log whose head to sign")
    Path log;

    @Option(names = "--key", required = true, paramLabel = "KEY", description = "the Ed25519 private key file")
    Path key;

    @Option(names = "--public", required = true, paramLabel = "KEY.pub", description = "its public key file")
    Path publicKey;

    @Option(names = "--out", required = true, paramLabel = "HEAD.sig",
            description = "the signed head file to write; never the log or a key file, and not an existing file"
                    + " unless --overwrite is given")
    Path outFile;

    @Option(names = "--overwrite", description = "replace an existing HEAD.sig (never the log or a key file)")
    boolean overwrite;

    @Option(names = "--new-keys", description = "create the key pair first (refuses to overwrite existing files)")
    boolean newKeys;

    @Override
    public Integer call() throws Exception {
        Main.requireRegularFile("LOG", log);
        java.util.Map<String, Path> inputs = OutputPaths.named("LOG", log, "log's lock", lockFile(log));
        java.util.Map<String, Path> outputs = OutputPaths.named("--out", outFile);
        (newKeys ? outputs : inputs).put("--key", key);
        (newKeys ? outputs : inputs).put("--public", publicKey);
        OutputPaths.refuseClashes(inputs, outputs);
        OutputPaths.refuseExisting("--out", outFile, overwrite);
        if (newKeys) {
            for (Path p : new Path[] {key, publicKey}) {
                Path dir = p.toAbsolutePath().getParent();
                if (dir != null && !Files.isDirectory(dir)) {
                    throw new Main.UsageException((p == key ? "--key " : "--public ") + p + ": the directory " + dir
                            + " does not exist; --new-keys creates key files, not directories: create it first");
                }
            }
        }
        KeyPair keys;
        try {
            if (newKeys) {
                keys = Anchors.generateKeys();
                Anchors.writeKeys(keys, key, publicKey);
            } else {
                keys = Anchors.readKeys(key, publicKey);
            }
        } catch (java.nio.file.NoSuchFileException e) {
            throw new Main.UsageException("no such key file: " + e.getFile() + " (create one with --new-keys)");
        } catch (IllegalArgumentException e) {
            throw new Main.UsageException(e.getMessage());
        }
        Verification v = DecisionLog.verify(log, null, keys.getPublic());
        if (!v.intact()) {
            out.println("NOT signed: the log does not verify: " + Main.safe(v.problem()));
            java.util.OptionalLong through = LogFacts.purgedThrough(log);
            if (through.isPresent() && v.firstBadSequence().equals(through) && v.records() == 0) {
                out.println("Nothing signed with this key vouches for the log's starting CHECKPOINT "
                        + through.getAsLong() + " (it was purged without checkpoint keys, or with other keys)."
                        + " That cannot be vouched for after the fact: 'fairpath verify-log LOG' (without --trust)"
                        + " checks the chain from that checkpoint on (it cannot show records cut from the front), and"
                        + " the head it prints can be kept elsewhere and checked later with --expect SEQ:HASH. For"
                        + " signed heads, the writer needs the checkpoint keys (DecisionLog.options()"
                        + ".checkpointKeys(...)) before it purges; a writer with keys refuses to open this log.");
            }
            return 1;
        }
        Anchors.SignedHead signed = Anchors.signHead(v.head(), Instant.now(), keys);
        OutputPaths.writeAtomically(outFile, overwrite, tmp -> Anchors.writeSignedHead(signed, tmp));
        out.println("signed head " + v.head() + " of " + Main.safe(log) + " written to " + Main.safe(outFile));
        return 0;
    }

    /** The lock file a writer of {@code log} holds (DecisionLog's {@code LOG.lock}). */
    private static Path lockFile(Path log) {
        try {
            Path real = log.toRealPath();
            return real.resolveSibling(real.getFileName() + ".lock");
        } catch (java.io.IOException e) {
            return log.resolveSibling(log.getFileName() + ".lock");
        }
    }
}
