package org.fairpath.examples;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import org.fairpath.core.PemKeys;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code fairpath keygen}: a new Ed25519 key pair for signing model bundles. */
@Command(name = "keygen", mixinStandardHelpOptions = true,
        description = "Create an Ed25519 key pair for signing model bundles: NAME.key (private, owner-only) and"
                + " NAME.pub (public, to give to those who load the bundles).")
final class KeygenCommand extends Main.FairpathCommand {

    @Option(names = "--out", required = true, paramLabel = "NAME",
            description = "path and name of the key files, without extension (not a directory: keys/owner writes"
                    + " keys/owner.key and keys/owner.pub); neither file may exist")
    String nameText;

    @Override
    public Integer call() throws Exception {
        String example = "; allowed: a path and name for the key files, e.g. keys/owner (writes keys/owner.key and"
                + " keys/owner.pub)";
        if (nameText.isBlank()) {
            throw new Main.UsageException("--out is empty" + example);
        }
        Path name = Path.of(nameText);
        if (nameText.endsWith("/") || nameText.endsWith(java.io.File.separator) || Files.isDirectory(name)) {
            throw new Main.UsageException("--out " + nameText + " names a directory, not the key files' name" + example);
        }
        Path dir = name.toAbsolutePath().getParent();
        if (dir != null && !Files.isDirectory(dir)) {
            throw new Main.UsageException("--out " + nameText + ": the directory " + dir + " does not exist; create it"
                    + " first");
        }
        Path priv = Path.of(name + ".key");
        Path pub = Path.of(name + ".pub");
        KeyPair keys = PemKeys.generate();
        PemKeys.write(keys, priv, pub);
        out.println("Wrote " + Main.safe(priv) + " (private: keep it secret) and " + Main.safe(pub) + " (public)");
        out.println("Key fingerprint " + PemKeys.fingerprint(keys.getPublic()));
        return 0;
    }
}
