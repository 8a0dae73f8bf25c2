package dev.ledgerstream.stream.ledger;

import dev.ledgerstream.ledger.lots.CommunityState;
import dev.ledgerstream.ledger.lots.Lot;
import dev.ledgerstream.ledger.lots.LotStatus;
import dev.ledgerstream.ledger.usage.RecordedFinalization;
import dev.ledgerstream.schemas.ledger.LotSource;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * A compact binary form for the store values read and written on every usage event
 * ({@code finalization-store}, {@code finalization-owner-store}, {@code community-store},
 * {@code lot-store}): JSON mapping was the largest single cost of the community task (see
 * docs/benchmarks.md). The first byte names the format; a value that starts with {@code {} is JSON
 * from an earlier version and is still read, through {@link InternalJsonSerde}. The records'
 * compact constructors check what is read, as they do for JSON.
 */
public abstract class CompactStoreSerde<T> implements Serde<T> {

    private static final int FORMAT = 1;

    private final InternalJsonSerde<T> earlier;

    private CompactStoreSerde(Class<T> type) {
        this.earlier = new InternalJsonSerde<>(type);
    }

    public static Serde<RecordedFinalization> finalizations() {
        return new CompactStoreSerde<>(RecordedFinalization.class) {
            @Override
            void write(DataOutputStream out, RecordedFinalization value) throws IOException {
                out.writeUTF(value.finalizationId());
                out.writeUTF(value.communityId());
                out.writeUTF(value.contentHash());
                instant(out, value.recordedAt());
            }

            @Override
            RecordedFinalization read(DataInputStream in) throws IOException {
                return new RecordedFinalization(in.readUTF(), in.readUTF(), in.readUTF(), instant(in));
            }
        };
    }

    public static Serde<CommunityState> communities() {
        return new CompactStoreSerde<>(CommunityState.class) {
            @Override
            void write(DataOutputStream out, CommunityState value) throws IOException {
                out.writeUTF(value.communityId());
                out.writeLong(value.mintedMicro());
                out.writeLong(value.debitedMicro());
                out.writeLong(value.expiredMicro());
                out.writeLong(value.revokedMicro());
                out.writeLong(value.balanceMicro());
                out.writeInt(value.lots().size());
                for (Lot lot : value.lots()) {
                    lot(out, lot);
                }
            }

            @Override
            CommunityState read(DataInputStream in) throws IOException {
                String community = in.readUTF();
                long minted = in.readLong();
                long debited = in.readLong();
                long expired = in.readLong();
                long revoked = in.readLong();
                long balance = in.readLong();
                int count = in.readInt();
                List<Lot> lots = new ArrayList<>(count);
                for (int i = 0; i < count; i++) {
                    lots.add(lot(in));
                }
                return new CommunityState(community, lots, minted, debited, expired, revoked, balance);
            }
        };
    }

    public static Serde<Lot> lots() {
        return new CompactStoreSerde<>(Lot.class) {
            @Override
            void write(DataOutputStream out, Lot value) throws IOException {
                lot(out, value);
            }

            @Override
            Lot read(DataInputStream in) throws IOException {
                return lot(in);
            }
        };
    }

    abstract void write(DataOutputStream out, T value) throws IOException;

    abstract T read(DataInputStream in) throws IOException;

    @Override
    public Serializer<T> serializer() {
        return (topic, value) -> {
            if (value == null) {
                return null;
            }
            try {
                ByteArrayOutputStream bytes = new ByteArrayOutputStream(128);
                DataOutputStream out = new DataOutputStream(bytes);
                out.writeByte(FORMAT);
                write(out, value);
                return bytes.toByteArray();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
    }

    @Override
    public Deserializer<T> deserializer() {
        return (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            if (bytes.length > 0 && bytes[0] == '{') {
                return earlier.deserializer().deserialize(topic, bytes);
            }
            try {
                DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
                int format = in.readUnsignedByte();
                if (format != FORMAT) {
                    throw new SerializationException("unknown store value format " + format);
                }
                return read(in);
            } catch (IOException | IllegalArgumentException e) {
                throw new SerializationException("not a valid store value: " + e.getMessage(), e);
            }
        };
    }

    private static void lot(DataOutputStream out, Lot lot) throws IOException {
        out.writeUTF(lot.lotId());
        out.writeUTF(lot.communityId());
        out.writeByte(lot.source().ordinal());
        nullable(out, lot.paymentId());
        nullable(out, lot.grantId());
        out.writeLong(lot.mintedMicro());
        out.writeLong(lot.remainingMicro());
        out.writeLong(lot.debitedMicro());
        out.writeLong(lot.expiredMicro());
        out.writeLong(lot.revokedMicro());
        instant(out, lot.createdAt());
        out.writeBoolean(lot.expiresAt() != null);
        if (lot.expiresAt() != null) {
            instant(out, lot.expiresAt());
        }
        out.writeByte(lot.status().ordinal());
    }

    private static Lot lot(DataInputStream in) throws IOException {
        String lotId = in.readUTF();
        String community = in.readUTF();
        LotSource source = LotSource.values()[in.readUnsignedByte()];
        String paymentId = nullable(in);
        String grantId = nullable(in);
        long minted = in.readLong();
        long remaining = in.readLong();
        long debited = in.readLong();
        long expired = in.readLong();
        long revoked = in.readLong();
        Instant createdAt = instant(in);
        Instant expiresAt = in.readBoolean() ? instant(in) : null;
        LotStatus status = LotStatus.values()[in.readUnsignedByte()];
        return new Lot(lotId, community, source, paymentId, grantId, minted, remaining, debited, expired, revoked,
                createdAt, expiresAt, status);
    }

    private static void nullable(DataOutputStream out, String value) throws IOException {
        out.writeBoolean(value != null);
        if (value != null) {
            out.writeUTF(value);
        }
    }

    private static String nullable(DataInputStream in) throws IOException {
        return in.readBoolean() ? in.readUTF() : null;
    }

    private static void instant(DataOutputStream out, Instant instant) throws IOException {
        out.writeLong(instant.getEpochSecond());
        out.writeInt(instant.getNano());
    }

    private static Instant instant(DataInputStream in) throws IOException {
        return Instant.ofEpochSecond(in.readLong(), in.readInt());
    }
}
