package org.fairpath.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.HexFormat;
import org.fairpath.core.PemKeys;
import org.junit.jupiter.api.Test;

final class BundleSignatureTest {

    /** RFC 8032, section 7.1, TEST 1: secret key, public key and the signature of the empty message. */
    @Test
    void publicOf_andSignature_matchRfc8032TestVector1() throws Exception {
        HexFormat hex = HexFormat.of();
        byte[] pkcs8 = hex.parseHex("302e020100300506032b657004220420"
                + "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60");
        PrivateKey key = KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
        byte[] x509 = BundleSignature.publicOf(key).getEncoded();
        assertEquals("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a",
                hex.formatHex(x509, x509.length - 32, x509.length));
        Signature s = Signature.getInstance("Ed25519");
        s.initSign(key);
        assertEquals("e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b4"
                + "6bd25bf5f0595bbe24655141438e7a100b", hex.formatHex(s.sign()));
    }

    @Test
    void publicOf_equalsTheGeneratedPublicKey() {
        for (int i = 0; i < 20; i++) {
            KeyPair p = PemKeys.generate();
            assertEquals(PemKeys.fingerprint(p.getPublic()), PemKeys.fingerprint(BundleSignature.publicOf(
                    p.getPrivate())));
        }
    }
}
