package org.crmsync.workflows.codec;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.temporal.api.common.v1.Payload;
import io.temporal.common.converter.CodecDataConverter;
import io.temporal.common.converter.DataConverter;
import io.temporal.common.converter.DefaultDataConverter;
import io.temporal.payload.codec.PayloadCodec;
import io.temporal.payload.codec.PayloadCodecException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts every workflow payload — inputs, results, activity arguments, queries, failures' details — with
 * AES-GCM before it leaves the process, so that the Temporal server and its database hold ciphertext only.
 * The whole payload is encrypted, metadata included; search attributes stay readable, as they must to be
 * searched. Payloads that are not encrypted are passed through, so histories from before the key was set
 * still read. Set {@code CRMSYNC_PAYLOAD_KEY} (16, 24 or 32 bytes, Base64) on every worker and command line.
 */
public final class AesGcmCodec implements PayloadCodec {

    /** The environment variable that holds the key. */
    public static final String KEY_VARIABLE = "CRMSYNC_PAYLOAD_KEY";
    static final String ENCODING = "binary/encrypted";
    private static final String CIPHER = "AES/GCM/NoPadding";
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKeySpec key;
    private final SecureRandom random = new SecureRandom();

    public AesGcmCodec(byte[] key) {
        if (key.length != 16 && key.length != 24 && key.length != 32) {
            throw new IllegalArgumentException(KEY_VARIABLE + " must be 16, 24 or 32 bytes in Base64, was "
                    + key.length + " bytes");
        }
        this.key = new SecretKeySpec(key, "AES");
    }

    /** The codec keyed by {@code CRMSYNC_PAYLOAD_KEY}, when it is set. */
    public static Optional<AesGcmCodec> fromEnvironment() {
        String encoded = System.getenv(KEY_VARIABLE);
        if (encoded == null || encoded.isBlank()) {
            return Optional.empty();
        }
        byte[] key;
        try {
            key = Base64.getDecoder().decode(encoded.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(KEY_VARIABLE + " is not Base64: " + e.getMessage());
        }
        return Optional.of(new AesGcmCodec(key));
    }

    /** Temporal's default data converter, with this codec encrypting what it produces. */
    public DataConverter dataConverter() {
        return new CodecDataConverter(DefaultDataConverter.newDefaultInstance(), List.of(this));
    }

    @Override
    public List<Payload> encode(List<Payload> payloads) {
        return payloads.stream().map(this::encrypt).toList();
    }

    @Override
    public List<Payload> decode(List<Payload> payloads) {
        return payloads.stream().map(this::decrypt).toList();
    }

    private Payload encrypt(Payload payload) {
        byte[] iv = new byte[IV_BYTES];
        random.nextBytes(iv);
        try {
            Cipher cipher = Cipher.getInstance(CIPHER);
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
            byte[] sealed = cipher.doFinal(payload.toByteArray());
            return Payload.newBuilder()
                    .putMetadata("encoding", ByteString.copyFromUtf8(ENCODING))
                    .setData(ByteString.copyFrom(ByteBuffer.allocate(IV_BYTES + sealed.length).put(iv).put(sealed).array()))
                    .build();
        } catch (GeneralSecurityException e) {
            throw new PayloadCodecException(e);
        }
    }

    private Payload decrypt(Payload payload) {
        ByteString encoding = payload.getMetadataMap().get("encoding");
        if (encoding == null || !ENCODING.equals(encoding.toString(StandardCharsets.UTF_8))) {
            return payload;
        }
        byte[] data = payload.getData().toByteArray();
        try {
            Cipher cipher = Cipher.getInstance(CIPHER);
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, data, 0, IV_BYTES));
            return Payload.parseFrom(cipher.doFinal(data, IV_BYTES, data.length - IV_BYTES));
        } catch (GeneralSecurityException e) {
            throw new PayloadCodecException("a payload does not decrypt with the key in " + KEY_VARIABLE
                    + " (another key, or altered): " + e.getMessage(), e);
        } catch (InvalidProtocolBufferException e) {
            throw new PayloadCodecException(e);
        }
    }
}
