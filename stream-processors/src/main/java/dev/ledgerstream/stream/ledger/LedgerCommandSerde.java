package dev.ledgerstream.stream.ledger;

import dev.ledgerstream.ledger.lots.GrantLot;
import dev.ledgerstream.ledger.lots.LedgerCommand;
import dev.ledgerstream.ledger.lots.MintLot;
import dev.ledgerstream.ledger.lots.RevokeLot;
import dev.ledgerstream.ledger.lots.UsageInput;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The commands on the {@code ledger-commands} repartition topic, which carries mints and
 * revocations from the payment path and first-seen usage from the dedup step to the community
 * ledger. One envelope with exactly one member set names the command's type.
 */
public final class LedgerCommandSerde implements Serde<LedgerCommand> {

    /** The wire shape: exactly one member is set. */
    record Envelope(UsageInput usage, MintLot mint, GrantLot grant, RevokeLot revoke) {

        static Envelope of(LedgerCommand command) {
            if (command instanceof UsageInput usage) {
                return new Envelope(usage, null, null, null);
            }
            if (command instanceof MintLot mint) {
                return new Envelope(null, mint, null, null);
            }
            if (command instanceof GrantLot grant) {
                return new Envelope(null, null, grant, null);
            }
            return new Envelope(null, null, null, (RevokeLot) command);
        }

        LedgerCommand command() {
            if (usage != null) {
                return usage;
            }
            if (mint != null) {
                return mint;
            }
            if (grant != null) {
                return grant;
            }
            if (revoke != null) {
                return revoke;
            }
            throw new IllegalArgumentException("a ledger command envelope names no command");
        }
    }

    private final InternalJsonSerde<Envelope> json = new InternalJsonSerde<>(Envelope.class);

    @Override
    public Serializer<LedgerCommand> serializer() {
        return (topic, command) -> command == null ? null : json.serializer().serialize(topic, Envelope.of(command));
    }

    @Override
    public Deserializer<LedgerCommand> deserializer() {
        return (topic, bytes) -> {
            Envelope envelope = json.deserializer().deserialize(topic, bytes);
            return envelope == null ? null : envelope.command();
        };
    }
}
