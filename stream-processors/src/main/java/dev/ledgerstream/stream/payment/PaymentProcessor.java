package dev.ledgerstream.stream.payment;

import dev.ledgerstream.ledger.lots.LedgerCommand;
import dev.ledgerstream.ledger.payment.IpnInput;
import dev.ledgerstream.ledger.payment.IpnInputs;
import dev.ledgerstream.ledger.payment.PaymentDecider;
import dev.ledgerstream.ledger.payment.PaymentDecision;
import dev.ledgerstream.ledger.payment.PaymentState;
import dev.ledgerstream.schemas.ingest.IpnReceived;
import dev.ledgerstream.schemas.ledger.LedgerRecord;
import dev.ledgerstream.stream.guard.GuardReporter;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Adapts {@code payment-store} to the payment decider (SPEC 5.1, 5.2): loads the payment's state,
 * decides, stores the new state, forwards the outcome and any violations (for the ledger topics)
 * and any mint or revocation command, keyed by community (for the community ledger).
 */
public final class PaymentProcessor implements Processor<String, IpnReceived, String, Object> {

    public static final String STORE = "payment-store";

    private final PaymentDecider decider;
    private final GuardReporter guard;
    private ProcessorContext<String, Object> context;
    private KeyValueStore<String, PaymentState> store;

    public PaymentProcessor(PaymentDecider decider, GuardReporter guard) {
        this.decider = decider;
        this.guard = guard;
    }

    @Override
    public void init(ProcessorContext<String, Object> context) {
        this.context = context;
        this.store = context.getStateStore(STORE);
    }

    @Override
    public void process(Record<String, IpnReceived> record) {
        IpnInput input = IpnInputs.from(record.value());
        PaymentState current = store.get(input.paymentId());
        PaymentDecision decision = decider.decide(current, input);
        store.put(input.paymentId(), decider.evolve(current, decision));
        guard.report(decision.guard());
        for (LedgerRecord event : decision.events()) {
            context.forward(record.withKey(event.key()).withValue(event));
        }
        for (LedgerCommand command : decision.commands()) {
            context.forward(record.withKey(command.communityId()).withValue(command));
        }
    }
}
