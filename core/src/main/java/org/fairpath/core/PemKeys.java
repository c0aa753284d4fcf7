package org.fairpath.core;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.Set;

/**
 * Ed25519 keys in PEM files, with the JDK's own implementation: private keys as PKCS#8 ({@code -----BEGIN PRIVATE
 * KEY-----}), public keys as X.509 SubjectPublicKeyInfo ({@code -----BEGIN PUBLIC KEY-----}), the formats OpenSSL
 * writes with {@code openssl genpkey -algorithm ed25519}. Files over {@link #MAX_BYTES} are refused before they are
 * read; a file with anything but one PEM block of the expected kind, or a key of another algorithm, is refused naming
 * the file. A key is named by its {@link #fingerprint}.
 */
public final class PemKeys {

    /** Largest key file read, in bytes (an Ed25519 PEM file is about 120 bytes). */
    public static final int MAX_BYTES = 16 * 1024;
    /** The only algorithm used. */
    public static final String ALGORITHM = "Ed25519";

    private PemKeys() {
    }

    /** A new Ed25519 key pair from the JDK's default secure random source. */
    public static KeyPair generate() {
        try {
            return KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK has no " + ALGORITHM + " key generator", e);
        }
    }

    /** {@code SHA256:} and the hex SHA-256 of the key's X.509 encoding: the name shown for a key. */
    public static String fingerprint(PublicKey key) {
        return "SHA256:" + Sha256.hex(key.getEncoded());
    }

    /** Reads an Ed25519 private key (PKCS#8 PEM). */
    public static PrivateKey readPrivate(Path file) throws IOException {
        byte[] der = block(file, "PRIVATE KEY");
        try {
            return KeyFactory.getInstance(ALGORITHM).generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("key file " + file + " does not hold an " + ALGORITHM + " private key"
                    + " (PKCS#8): " + e.getMessage());
        }
    }

    /** Reads an Ed25519 public key (X.509 PEM). */
    public static PublicKey readPublic(Path file) throws IOException {
        return decodePublic(block(file, "PUBLIC KEY"), "key file " + file);
    }

    /** An Ed25519 public key from its X.509 encoding; {@code what} names the source in errors. */
    public static PublicKey decodePublic(byte[] x509, String what) {
        try {
            return KeyFactory.getInstance(ALGORITHM).generatePublic(new X509EncodedKeySpec(x509));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException(what + " does not hold an " + ALGORITHM + " public key (X.509): "
                    + e.getMessage());
        }
    }

    /**
     * Writes {@code keys}: the private key to {@code privateFile} (created readable and writable by its owner only
     * where the file system has POSIX permissions) and the public key to {@code publicFile}. Neither file may exist.
     *
     * @throws IllegalArgumentException if either file already exists (a key is never overwritten)
     */
    public static void write(KeyPair keys, Path privateFile, Path publicFile) throws IOException {
        for (Path p : new Path[] {privateFile, publicFile}) {
            if (Files.exists(p)) {
                throw new IllegalArgumentException(p + " already exists; a key file is never overwritten");
            }
        }
        byte[] priv = pem("PRIVATE KEY", keys.getPrivate().getEncoded());
        boolean posix = Files.getFileStore(privateFile.toAbsolutePath().getParent()).supportsFileAttributeView("posix");
        FileAttribute<?>[] ownerOnly = posix
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))}
                : new FileAttribute<?>[0];
        try (FileChannel ch = FileChannel.open(privateFile, Set.of(StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE), ownerOnly)) {
            ch.write(java.nio.ByteBuffer.wrap(priv));
            ch.force(true);
        } catch (FileAlreadyExistsException e) {
            throw new IllegalArgumentException(privateFile + " already exists; a key file is never overwritten");
        }
        Files.write(publicFile, pem("PUBLIC KEY", keys.getPublic().getEncoded()), StandardOpenOption.CREATE_NEW);
    }

    static byte[] pem(String kind, byte[] der) {
        String body = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der);
        return ("-----BEGIN " + kind + "-----\n" + body + "\n-----END " + kind + "-----\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    /** The DER bytes of the single PEM block of {@code kind} in {@code file}. */
    private static byte[] block(Path file, String kind) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("key file " + file + (Files.exists(file) ? " is not a regular file"
                    : " does not exist"));
        }
        long size = Files.size(file);
        if (size > MAX_BYTES) {
            throw new IllegalArgumentException("key file " + file + " is " + size + " bytes; a key file is at most "
                    + MAX_BYTES + " bytes, so it was not read");
        }
        byte[] bytes;
        try (var in = Files.newInputStream(file)) {
            bytes = in.readNBytes(MAX_BYTES + 1);
        }
        if (bytes.length > MAX_BYTES) {
            throw new IllegalArgumentException("key file " + file + " grew beyond " + MAX_BYTES + " bytes while read");
        }
        String text = new String(bytes, StandardCharsets.US_ASCII).replace("\r\n", "\n").strip();
        String begin = "-----BEGIN " + kind + "-----";
        String end = "-----END " + kind + "-----";
        if (!text.startsWith(begin) || !text.endsWith(end) || text.indexOf("-----BEGIN", 1) >= 0) {
            throw new IllegalArgumentException("key file " + file + " is not one PEM block '" + begin + "' ... '"
                    + end + "'" + (text.contains("-----BEGIN ") ? "; it holds '" + firstLine(text) + "'" : ""));
        }
        String body = text.substring(begin.length(), text.length() - end.length()).replaceAll("[\\s]", "");
        try {
            return Base64.getDecoder().decode(body);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("key file " + file + ": the PEM body is not Base64: " + e.getMessage());
        }
    }

    private static String firstLine(String text) {
        int nl = text.indexOf('\n');
        return nl < 0 ? text : text.substring(0, nl);
    }
}
