package org.fairpath.core.log;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

/**
 * Anchors for a decision store, kept apart from it: Ed25519 keys (the JDK's implementation) and signed heads.
 *
 * <p>A deployment generates a key pair once ({@link #generateKeys}), keeps the private key where the log's writers
 * cannot change the log's history (a key store, another machine), and publishes the public key to its auditors. It
 * signs the store's {@link DecisionStore#head() head} from time to time ({@link #signHead}) and keeps the signed
 * head files apart from the log. A verify against a signed head ({@link #readSignedHead} then
 * {@link DecisionStore#verify(Head)} or {@link DecisionLog#verify(Path, Head, PublicKey)}) catches records cut from
 * the end and a log rewritten with recomputed hashes; with the public key as trust, a checkpoint the key did not
 * sign is refused, which catches records cut from the front.
 *
 * <p>Files are text: a key file is one line {@code fairpath-ed25519-public-v1 BASE64} (X.509) or
 * {@code fairpath-ed25519-private-v1 BASE64} (PKCS#8); a signed head is
 * {@code fairpath-signed-head-v1\nSEQ:HASH\nTIME\nBASE64-SIGNATURE\n}.
 */
public final class Anchors {

    private static final String HEAD = "fairpath-signed-head-v1";

    private Anchors() {
    }

    /**
     * A signed head.
     *
     * @param head      the sequence and hash signed
     * @param signedAt  when it was signed (covered by the signature)
     * @param signature base64 Ed25519 signature over {@link #payload}
     */
    public record SignedHead(Head head, Instant signedAt, String signature) {
        /** The bytes the signature covers. */
        public byte[] payload() {
            return (HEAD + "\n" + head + "\n" + signedAt + "\n").getBytes(StandardCharsets.UTF_8);
        }
    }

    /** A fresh Ed25519 key pair. */
    public static KeyPair generateKeys() {
        try {
            return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK has no Ed25519: " + e.getMessage(), e);
        }
    }

    /**
     * Writes {@code keys} as {@link org.fairpath.core.PemKeys} does ({@code fairpath keygen}'s PEM format, the private
     * key readable by its owner only); refuses to overwrite either file.
     */
    public static void writeKeys(KeyPair keys, Path privateFile, Path publicFile) throws IOException {
        org.fairpath.core.PemKeys.write(keys, privateFile, publicFile);
    }

    /** Reads a PEM public key ({@link #writeKeys}, {@code fairpath keygen}). */
    public static PublicKey readPublicKey(Path file) throws IOException {
        return org.fairpath.core.PemKeys.readPublic(file);
    }

    /** Reads a key pair from PEM private and public key files ({@link #writeKeys}, {@code fairpath keygen}). */
    public static KeyPair readKeys(Path privateFile, Path publicFile) throws IOException {
        PrivateKey priv = org.fairpath.core.PemKeys.readPrivate(privateFile);
        KeyPair kp = new KeyPair(readPublicKey(publicFile), priv);
        SignedHead probe = signHead(new Head(0, RecordCodec.GENESIS), Instant.EPOCH, kp);
        if (!verifies(probe, kp.getPublic())) {
            throw new IllegalArgumentException("the keys in " + privateFile + " and " + publicFile
                    + " are not a pair");
        }
        return kp;
    }

    /** Signs {@code head} at {@code time}. */
    public static SignedHead signHead(Head head, Instant time, KeyPair keys) {
        SignedHead unsigned = new SignedHead(head, time, "");
        try {
            Signature s = Signature.getInstance("Ed25519");
            s.initSign(keys.getPrivate());
            s.update(unsigned.payload());
            return new SignedHead(head, time, Base64.getEncoder().encodeToString(s.sign()));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot sign with this key: " + e.getMessage(), e);
        }
    }

    /** Writes a signed head file (atomically: a reader sees the old or the new one). */
    public static void writeSignedHead(SignedHead h, Path file) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, HEAD + "\n" + h.head() + "\n" + h.signedAt() + "\n" + h.signature() + "\n");
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /**
     * Reads a signed head file and checks its signature.
     *
     * @throws IllegalArgumentException if the file is not a signed head or {@code trust} did not sign it
     */
    public static SignedHead readSignedHead(Path file, PublicKey trust) throws IOException {
        checkEd25519(trust, "trust");
        String[] l = Files.readString(file, StandardCharsets.UTF_8).split("\n", -1);
        if (l.length != 5 || !l[0].equals(HEAD) || !l[4].isEmpty()) {
            throw new IllegalArgumentException("anchor " + file + " is not a signed head file (expected 4 lines: "
                    + HEAD + ", SEQ:HASH, time, signature)");
        }
        SignedHead h;
        try {
            h = new SignedHead(Head.parse(l[1]), Instant.parse(l[2]), l[3]);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("anchor " + file + ": " + e.getMessage());
        }
        if (!verifies(h, trust)) {
            throw new IllegalArgumentException("anchor " + file + " is not signed by the trusted key");
        }
        return h;
    }

    static boolean verifies(SignedHead h, PublicKey trust) {
        try {
            Signature s = Signature.getInstance("Ed25519");
            s.initVerify(trust);
            s.update(h.payload());
            return s.verify(Base64.getDecoder().decode(h.signature()));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    static void checkEd25519(PublicKey key, String field) {
        if (key == null) {
            throw new IllegalArgumentException(field + " is missing; an Ed25519 public key is needed");
        }
        if (!"EdDSA".equals(key.getAlgorithm()) && !"Ed25519".equals(key.getAlgorithm())) {
            throw new IllegalArgumentException(field + " is a " + key.getAlgorithm() + " key; an Ed25519 key is"
                    + " needed");
        }
    }
}
