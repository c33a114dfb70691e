package io.tokenledger.ingest.application;

import io.tokenledger.ingest.domain.Correction;
import io.tokenledger.ingest.domain.CorrectionCharges;
import io.tokenledger.ingest.domain.CorrectionRecorded;
import io.tokenledger.ingest.domain.EventKey;
import io.tokenledger.ingest.domain.Outcome;
import io.tokenledger.ingest.domain.PricedEvent;
import io.tokenledger.ingest.domain.PricingStatus;
import io.tokenledger.ingest.domain.SpendCharge;
import io.tokenledger.ingest.domain.UsageEvent;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * Completes accepted corrections: prices the AMENDs and RERATEs, has the ledger append the reversal (and the new entry), and
 * charges budgets the reversal (negative, in the old scope and window) and the new amount. A correction whose target
 * is not in the ledger yet stays PENDING (answered QUEUED) and the drainer retries it until the target arrives.
 * Every hop is idempotent on the correction's own event id.
 */
@ApplicationScoped
public class CorrectionPipeline {

    static final String TARGET_MISSING = "the corrected event is not in the ledger yet";
    private static final Logger LOG = Logger.getLogger(CorrectionPipeline.class);

    private final Downstream downstream;

    public CorrectionPipeline(Downstream downstream) {
        this.downstream = downstream;
    }

    /** The outcomes of the corrections completed now (a VOID costs 0, an AMEND its new cost). */
    Completion complete(List<UsageEvent> corrections, SplitBudget splits) {
        try {
            // AMEND and RERATE carry usage to price; a VOID carries none.
            List<UsageEvent> amends = corrections.stream()
                    .filter(c -> c.correction().kind() != Correction.Kind.VOID).toList();
            List<PricedEvent> prices = amends.isEmpty() ? List.of() : downstream.price(amends);
            Map<EventKey, PricedEvent> priceOf = new HashMap<>();
            for (int i = 0; i < amends.size(); i++) {
                priceOf.put(amends.get(i).key(), prices.get(i));
            }
            List<Optional<PricedEvent>> priced = corrections.stream()
                    .map(c -> Optional.ofNullable(priceOf.get(c.key()))).toList();
            List<CorrectionRecorded> recorded = downstream.recordCorrections(corrections, priced);

            Map<EventKey, Outcome> outcomes = new LinkedHashMap<>();
            List<SpendCharge> charges = new ArrayList<>();
            List<EventKey> waiting = new ArrayList<>();
            for (int i = 0; i < corrections.size(); i++) {
                UsageEvent correction = corrections.get(i);
                if (!recorded.get(i).targetFound()) {
                    waiting.add(correction.key());
                    continue;
                }
                PricedEvent amended = priced.get(i).orElse(null);
                charges.addAll(CorrectionCharges.of(correction, recorded.get(i), amended));
                outcomes.put(correction.key(), amended == null ? new Outcome(PricingStatus.PRICED, "", 0)
                        : amended.outcome());
            }
            if (!charges.isEmpty()) {
                downstream.charge(charges);
            }
            return new Completion(outcomes, waiting.isEmpty() ? null : TARGET_MISSING);
        } catch (RuntimeException e) {
            if (corrections.size() > 1 && DownstreamFailure.mayBeTheEvents(e) && splits.take()) {
                return inHalves(corrections, e.toString(), splits);
            }
            // Accepted already: a failure only delays the corrections; the drainer retries them.
            LOG.warnf("%d corrections left for retry: %s", corrections.size(), e.toString());
            return Completion.failed(e.toString());
        }
    }

    /**
     * As {@link EventPipeline} does for ordinary events: a refused call is retried in halves, in order, so that a
     * correction that fails alone does not hold back the others. A correction whose target has an earlier correction
     * still pending waits too: applied first, it would be overridden when the earlier one goes through.
     */
    private Completion inHalves(List<UsageEvent> corrections, String failure, SplitBudget splits) {
        LOG.warnf("%d corrections failed together, retried in halves: %s", corrections.size(), failure);
        int half = corrections.size() / 2;
        Completion first = complete(corrections.subList(0, half), splits);
        Set<EventKey> heldTargets = new HashSet<>();
        corrections.subList(0, half).stream().filter(c -> !first.outcomes().containsKey(c.key()))
                .forEach(c -> heldTargets.add(c.targetKey()));
        List<UsageEvent> rest = corrections.subList(half, corrections.size()).stream()
                .filter(c -> !heldTargets.contains(c.targetKey())).toList();
        return first.and(rest.isEmpty() ? new Completion(Map.of(), null) : complete(rest, splits));
    }
}
