package org.fairpath.examples;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import org.fairpath.core.PemKeys;
import org.fairpath.core.model.ModelBundle;
import org.fairpath.core.model.OutcomeModels;
import picocli.CommandLine.Option;

/**
 * {@code --trust KEY.pub} (repeatable) for every command that loads a model bundle: with it, only a bundle signed by
 * one of these keys loads; without it, an unsigned bundle loads after the integrity checks.
 */
final class TrustOption {

    @Option(names = "--trust", paramLabel = "KEY.pub",
            description = "accept the bundle only if it is signed by this public key (PEM, from 'fairpath keygen');"
                    + " repeatable")
    List<Path> trusted = new ArrayList<>();

    /** Loads {@code bundle}, requiring a trusted signature when --trust was given. */
    OutcomeModels load(Path bundle) throws IOException, Main.UsageException {
        if (trusted.isEmpty()) {
            return ModelBundle.load(bundle);
        }
        List<PublicKey> keys = new ArrayList<>();
        for (Path p : trusted) {
            if (p.toString().isBlank()) {
                throw new Main.UsageException("--trust is empty; allowed: the path of a public key file (PEM, from"
                        + " 'fairpath keygen')");
            }
            if (!Files.isRegularFile(p)) {
                throw new Main.UsageException("--trust " + p + (Files.exists(p) ? " is not a file" : " does not"
                        + " exist") + "; allowed: the path of a public key file (PEM, from 'fairpath keygen')");
            }
            keys.add(PemKeys.readPublic(p));
        }
        return ModelBundle.load(bundle, keys);
    }

    /** One line saying who signed {@code bundle} (already loaded), and whether that key was checked as trusted. */
    String signedBy(Path bundle) throws IOException {
        return ModelBundle.signer(bundle).map(f -> "Bundle signed by key " + f + (trusted.isEmpty()
                ? " (signature verifies; key not checked against a trusted key: use --trust)"
                : " (a trusted key)")).orElse("Bundle unsigned: nothing says who made it (sign it with 'fairpath"
                + " sign', load it with --trust)");
    }
}
