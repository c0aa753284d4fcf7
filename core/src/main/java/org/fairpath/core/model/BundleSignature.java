package org.fairpath.core.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.EdECPrivateKey;
import java.security.spec.NamedParameterSpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.fairpath.core.PemKeys;

/**
 * {@code manifest.sig}: an Ed25519 signature (the JDK's implementation) over the exact bytes of {@code manifest.json},
 * which lists the SHA-256 of every other file, so one signature covers the whole bundle. The file also carries the
 * signer's public key so a refusal can name it; verification uses the caller's trusted key, never the embedded one.
 */
final class BundleSignature {

    static final String FILE = "manifest.sig";
    static final int VERSION = 1;
    private static final long MAX_BYTES = 64 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private BundleSignature() {
    }

    /** Signs {@code manifest} (the bytes of manifest.json) and writes manifest.sig into {@code root}, atomically. */
    static String write(Path root, byte[] manifest, PrivateKey key) throws IOException {
        PublicKey pub = publicOf(key);
        byte[] sig = sign(key, manifest);
        if (!verify(pub, manifest, sig)) {
            throw new IllegalStateException("the public key derived from the private key does not verify its own"
                    + " signature");
        }
        ObjectNode o = JSON.createObjectNode();
        o.put("schemaVersion", VERSION);
        o.put("algorithm", PemKeys.ALGORITHM);
        o.put("signedFile", "manifest.json");
        o.put("keyFingerprint", PemKeys.fingerprint(pub));
        o.put("publicKey", Base64.getEncoder().encodeToString(pub.getEncoded()));
        o.put("signature", Base64.getEncoder().encodeToString(sig));
        Path tmp = root.resolve(FILE + ".tmp");
        Files.write(tmp, JSON.writeValueAsBytes(o));
        Files.move(tmp, root.resolve(FILE), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        return PemKeys.fingerprint(pub);
    }

    /**
     * Checks manifest.sig in {@code root} over {@code manifest}: with {@code trusted} keys, it must be a valid
     * signature by one of them; without ({@code null}), a present manifest.sig must still verify, with the key it
     * carries (which says nothing about who signed, only that the signature is not broken or stale).
     *
     * @return the signer's fingerprint, or empty when the bundle is unsigned and no keys are trusted
     * @throws IllegalArgumentException naming the key's fingerprint when the bundle is unsigned and keys are trusted,
     *                                  signed by a key that is not trusted, or the signature does not verify
     */
    static java.util.Optional<String> check(Path root, byte[] manifest, List<PublicKey> trusted) throws IOException {
        if (!Files.exists(root.resolve(FILE), java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            if (trusted == null) {
                return java.util.Optional.empty();
            }
            throw new IllegalArgumentException("bundle is not signed (no " + FILE + "); with trusted keys given, only"
                    + " a bundle signed by one of them loads (fairpath sign)");
        }
        Path file = BundleFiles.resolve(root, FILE);
        JsonNode o = BundleFiles.json(BundleFiles.read(file, FILE, MAX_BYTES), FILE);
        BundleFiles.requireVersion(o, FILE, VERSION);
        if (!PemKeys.ALGORITHM.equals(o.path("algorithm").asText())
                || !"manifest.json".equals(o.path("signedFile").asText())) {
            throw new IllegalArgumentException("bundle file " + FILE + " must hold an " + PemKeys.ALGORITHM
                    + " signature of manifest.json; it names algorithm '" + o.path("algorithm").asText()
                    + "' over '" + o.path("signedFile").asText() + "'");
        }
        PublicKey signer = PemKeys.decodePublic(base64(o, "publicKey"), "bundle file " + FILE);
        String fingerprint = PemKeys.fingerprint(signer);
        if (!fingerprint.equals(o.path("keyFingerprint").asText())) {
            throw new IllegalArgumentException("bundle file " + FILE + " names key " + o.path("keyFingerprint")
                    .asText() + " but carries key " + fingerprint);
        }
        PublicKey key = signer;
        if (trusted != null) {
            key = trusted.stream().filter(k -> Arrays.equals(k.getEncoded(), signer.getEncoded())).findFirst()
                    .orElse(null);
            if (key == null) {
                throw new IllegalArgumentException("bundle is signed by key " + fingerprint + ", which is not"
                        + " trusted; trusted keys: " + trusted.stream().map(PemKeys::fingerprint).toList());
            }
        }
        if (!verify(key, manifest, base64(o, "signature"))) {
            throw new IllegalArgumentException("the signature in " + FILE + " by " + (trusted != null
                    ? "trusted key " : "key ") + fingerprint + " does not verify over manifest.json: the manifest"
                    + " was changed after signing, or the signature was forged; a bundle carrying a broken"
                    + " signature is refused (sign it again, or remove " + FILE + " to load it as unsigned)");
        }
        return java.util.Optional.of(fingerprint);
    }

    private static byte[] base64(JsonNode o, String field) {
        try {
            return Base64.getDecoder().decode(o.path(field).asText());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("bundle file " + FILE + ": '" + field + "' is not Base64");
        }
    }

    private static byte[] sign(PrivateKey key, byte[] data) {
        try {
            Signature s = Signature.getInstance(PemKeys.ALGORITHM);
            s.initSign(key);
            s.update(data);
            return s.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot sign with this key: " + e.getMessage());
        }
    }

    private static boolean verify(PublicKey key, byte[] data, byte[] signature) {
        try {
            Signature s = Signature.getInstance(PemKeys.ALGORITHM);
            s.initVerify(key);
            s.update(data);
            return s.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    /**
     * The public key of an Ed25519 private key: the JDK's generator, given the private key's 32-byte seed as its
     * randomness, derives the same pair (RFC 8032 section 5.1.5).
     */
    static PublicKey publicOf(PrivateKey key) {
        if (!(key instanceof EdECPrivateKey ed) || ed.getBytes().isEmpty()) {
            throw new IllegalArgumentException("the signing key is not an " + PemKeys.ALGORITHM + " private key");
        }
        byte[] seed = ed.getBytes().get();
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance(PemKeys.ALGORITHM);
            g.initialize(NamedParameterSpec.ED25519, new SecureRandom() {
                private static final long serialVersionUID = 1L;

                @Override
                public void nextBytes(byte[] bytes) {
                    System.arraycopy(seed, 0, bytes, 0, Math.min(seed.length, bytes.length));
                }
            });
            KeyPair pair = g.generateKeyPair();
            if (!Arrays.equals(((EdECPrivateKey) pair.getPrivate()).getBytes().orElseThrow(), seed)) {
                throw new IllegalStateException("could not derive the public key of the signing key");
            }
            return pair.getPublic();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK has no " + PemKeys.ALGORITHM + " key generator", e);
        }
    }
}
