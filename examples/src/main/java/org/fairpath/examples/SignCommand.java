package org.fairpath.examples;

import java.nio.file.Path;
import org.fairpath.core.PemKeys;
import org.fairpath.core.model.ModelBundle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code fairpath sign}: signs a model bundle's manifest with an Ed25519 private key. */
@Command(name = "sign", mixinStandardHelpOptions = true,
        description = "Check a model bundle and sign its manifest (manifest.sig) with an Ed25519 private key; an"
                + " earlier signature is replaced, and the output says whose it was.")
final class SignCommand extends Main.FairpathCommand {

    @Option(names = "--bundle", required = true, paramLabel = "DIR", description = "the model bundle to sign")
    Path bundle;

    @Option(names = "--key", required = true, paramLabel = "NAME.key",
            description = "the private key (PEM, PKCS#8) from 'fairpath keygen'")
    Path key;

    @Override
    public Integer call() throws Exception {
        // the signature is written to DIR/manifest.sig: never over the key it is made with
        OutputPaths.refuseClashes(OutputPaths.named("--key", key),
                OutputPaths.named("the signature file", bundle.resolve("manifest.sig")));
        String earlier;
        try {
            earlier = ModelBundle.signer(bundle).map(f -> " (replacing its earlier signature by key " + f + ")")
                    .orElse("");
        } catch (IllegalArgumentException e) {
            earlier = " (replacing an earlier manifest.sig that did not verify)";
        }
        String fingerprint = ModelBundle.sign(bundle, PemKeys.readPrivate(key));
        out.println("Signed " + Main.safe(bundle) + " with key " + fingerprint + earlier);
        return 0;
    }
}
